// What each operation of the spec is, for the TypeScript layer.
//
// Written by scripts/regenerate from spec/rememberizer_openapi.yml; do not edit. The twin of
// rememberizer_api/operations.py: paths, credentials, captcha actions, idempotency and success
// statuses come from here, so that none of them is a literal in the TypeScript layer.

export interface OperationInfo {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** The 2xx statuses the spec documents. */
  readonly success: readonly number[];
  /** The alternatives of security scheme names; [] sends no credentials. */
  readonly security: readonly (readonly string[])[];
  /** x-rememberizer-captcha-action: the body's captcha is filled for this action. */
  readonly captchaAction: string | null;
  /** x-rememberizer-idempotent, else by method: may it be replayed after the server saw it. */
  readonly idempotent: boolean;
}

export const OPERATIONS = {
  "signup": {"operationId": "signup", "method": "POST", "path": "/auth/signup/", "success": [201], "security": [], "captchaAction": "signup", "idempotent": false},
  "signin": {"operationId": "signin", "method": "POST", "path": "/auth/signin/", "success": [204], "security": [], "captchaAction": "signin", "idempotent": false},
  "verify_email": {"operationId": "verify_email", "method": "POST", "path": "/auth/verify-email/", "success": [200], "security": [["bearerAuth"], ["accessCookie"]], "captchaAction": null, "idempotent": false},
  "refresh": {"operationId": "refresh", "method": "POST", "path": "/auth/custom-refresh/", "success": [204], "security": [["refreshCookie"]], "captchaAction": null, "idempotent": false},
  "logout": {"operationId": "logout", "method": "POST", "path": "/auth/custom-logout/", "success": [204], "security": [["refreshCookie"]], "captchaAction": null, "idempotent": false},
  "get_account": {"operationId": "get_account", "method": "GET", "path": "/account/", "success": [200], "security": [["bearerAuth"], ["accessCookie"], ["oauth2"], ["apiKeyAuth"], ["publicCkId"]], "captchaAction": null, "idempotent": true},
  "get_me": {"operationId": "get_me", "method": "GET", "path": "/me/", "success": [200], "security": [["bearerAuth"], ["accessCookie"], ["oauth2"]], "captchaAction": null, "idempotent": true},
  "get_vector_store": {"operationId": "get_vector_store", "method": "GET", "path": "/vector-stores/me", "success": [200], "security": [["vectorStoreKey"]], "captchaAction": null, "idempotent": true},
  "list_vector_store_documents": {"operationId": "list_vector_store_documents", "method": "GET", "path": "/vector-stores/{vector_store_id}/documents", "success": [200], "security": [["vectorStoreKey"]], "captchaAction": null, "idempotent": true},
  "create_vector_store_document": {"operationId": "create_vector_store_document", "method": "POST", "path": "/vector-stores/{vector_store_id}/documents/create", "success": [201], "security": [["vectorStoreKey"]], "captchaAction": null, "idempotent": false},
  "upload_vector_store_documents": {"operationId": "upload_vector_store_documents", "method": "POST", "path": "/vector-stores/{vector_store_id}/documents/upload", "success": [201, 207], "security": [["vectorStoreKey"]], "captchaAction": null, "idempotent": false},
  "search_vector_store_documents": {"operationId": "search_vector_store_documents", "method": "GET", "path": "/vector-stores/{vector_store_id}/documents/search", "success": [200], "security": [["vectorStoreKey"]], "captchaAction": null, "idempotent": true},
  "get_vector_store_document": {"operationId": "get_vector_store_document", "method": "GET", "path": "/vector-stores/{vector_store_id}/documents/{document_id}", "success": [200], "security": [["vectorStoreKey"]], "captchaAction": null, "idempotent": true},
  "delete_vector_store_document": {"operationId": "delete_vector_store_document", "method": "DELETE", "path": "/vector-stores/{vector_store_id}/documents/{document_id}/", "success": [204], "security": [["vectorStoreKey"]], "captchaAction": null, "idempotent": true},
  "rename_vector_store_document": {"operationId": "rename_vector_store_document", "method": "PATCH", "path": "/vector-stores/{vector_store_id}/documents/{document_id}/", "success": [200], "security": [["vectorStoreKey"]], "captchaAction": null, "idempotent": true},
  "agentic_search_vector_store_documents": {"operationId": "agentic_search_vector_store_documents", "method": "POST", "path": "/vector-stores/{vector_store_id}/documents/agentic_search", "success": [200], "security": [["vectorStoreKey"]], "captchaAction": null, "idempotent": true},
  "create_vector_store": {"operationId": "create_vector_store", "method": "POST", "path": "/vector-stores/", "success": [201], "security": [["bearerAuth"], ["accessCookie"]], "captchaAction": null, "idempotent": false},
  "get_vector_store_configs": {"operationId": "get_vector_store_configs", "method": "GET", "path": "/vector-stores/configs", "success": [200], "security": [["bearerAuth"], ["accessCookie"]], "captchaAction": null, "idempotent": true},
  "oauth2_authorize": {"operationId": "oauth2_authorize", "method": "GET", "path": "/auth/oauth2/authorize/", "success": [200], "security": [["accessCookie"]], "captchaAction": null, "idempotent": true},
  "oauth2_token": {"operationId": "oauth2_token", "method": "POST", "path": "/auth/oauth2/token/", "success": [200], "security": [], "captchaAction": null, "idempotent": false},
  "list_integrations": {"operationId": "list_integrations", "method": "GET", "path": "/integrations/", "success": [200], "security": [["bearerAuth"], ["accessCookie"], ["apiKeyAuth"], ["publicCkId"]], "captchaAction": null, "idempotent": true},
  "list_documents": {"operationId": "list_documents", "method": "GET", "path": "/documents/", "success": [200], "security": [["bearerAuth"], ["accessCookie"], ["apiKeyAuth"], ["publicCkId"]], "captchaAction": null, "idempotent": true},
  "search_documents": {"operationId": "search_documents", "method": "GET", "path": "/documents/search/", "success": [200], "security": [["bearerAuth"], ["accessCookie"], ["apiKeyAuth"], ["publicCkId"]], "captchaAction": null, "idempotent": true},
  "agentic_search_documents": {"operationId": "agentic_search_documents", "method": "POST", "path": "/documents/agentic_search/", "success": [200], "security": [["bearerAuth"], ["accessCookie"], ["apiKeyAuth"], ["publicCkId"]], "captchaAction": null, "idempotent": true},
  "get_document_contents": {"operationId": "get_document_contents", "method": "GET", "path": "/documents/{document_id}/contents/", "success": [200], "security": [["bearerAuth"], ["accessCookie"], ["apiKeyAuth"], ["publicCkId"]], "captchaAction": null, "idempotent": true},
  "memorize_document": {"operationId": "memorize_document", "method": "POST", "path": "/documents/memorize/", "success": [200, 201], "security": [["bearerAuth"], ["accessCookie"], ["apiKeyAuth"], ["publicCkId"]], "captchaAction": null, "idempotent": false},
  "get_discussion_contents": {"operationId": "get_discussion_contents", "method": "GET", "path": "/discussions/{discussion_id}/contents/", "success": [200], "security": [["bearerAuth"], ["accessCookie"], ["apiKeyAuth"]], "captchaAction": null, "idempotent": true},
  "list_subscribed_knowledge": {"operationId": "list_subscribed_knowledge", "method": "GET", "path": "/common-knowledge/subscribed-list/", "success": [200], "security": [["bearerAuth"], ["accessCookie"]], "captchaAction": null, "idempotent": true},
  "list_mementos": {"operationId": "list_mementos", "method": "GET", "path": "/mementos/", "success": [200], "security": [["bearerAuth"], ["accessCookie"]], "captchaAction": null, "idempotent": true},
  "create_memento": {"operationId": "create_memento", "method": "POST", "path": "/mementos/", "success": [201], "security": [["bearerAuth"], ["accessCookie"]], "captchaAction": null, "idempotent": false},
  "get_memento": {"operationId": "get_memento", "method": "GET", "path": "/mementos/{memento_id}/", "success": [200], "security": [["bearerAuth"], ["accessCookie"]], "captchaAction": null, "idempotent": true},
  "delete_memento": {"operationId": "delete_memento", "method": "DELETE", "path": "/mementos/{memento_id}/", "success": [204], "security": [["bearerAuth"], ["accessCookie"]], "captchaAction": null, "idempotent": true},
  "update_memento_documents": {"operationId": "update_memento_documents", "method": "POST", "path": "/mementos/memento_document/{memento_id}/", "success": [200], "security": [["bearerAuth"], ["accessCookie"]], "captchaAction": null, "idempotent": true},
} as const satisfies Record<string, OperationInfo>;

export type OperationId = keyof typeof OPERATIONS;
