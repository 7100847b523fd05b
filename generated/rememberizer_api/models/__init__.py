"""Contains all the data models used in inputs/outputs

Each model is imported on first use (PEP 562 module __getattr__): importing one model, or the
facade, does not import all of them. Written from spec/templates/models_init.py.jinja.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .account import Account
    from .agentic_search_metadata import AgenticSearchMetadata
    from .agentic_search_request import AgenticSearchRequest
    from .agentic_search_result import AgenticSearchResult
    from .create_memento_request import CreateMementoRequest
    from .data_source import DataSource
    from .detail import Detail
    from .discussion_contents import DiscussionContents
    from .discussion_contents_thread_contents import DiscussionContentsThreadContents
    from .document import Document
    from .document_contents import DocumentContents
    from .document_page import DocumentPage
    from .document_stats import DocumentStats
    from .document_status_counts import DocumentStatusCounts
    from .error import Error
    from .get_discussion_contents_integration_type import (
        GetDiscussionContentsIntegrationType,
    )
    from .integration import Integration
    from .integration_list import IntegrationList
    from .integration_type import IntegrationType
    from .matched_chunk import MatchedChunk
    from .memento import Memento
    from .memento_documents_request import MementoDocumentsRequest
    from .memorize_request import MemorizeRequest
    from .memorize_result import MemorizeResult
    from .o_auth_error import OAuthError
    from .o_auth_error_error import OAuthErrorError
    from .o_auth_token_request import OAuthTokenRequest
    from .o_auth_token_request_grant_type import OAuthTokenRequestGrantType
    from .o_auth_tokens import OAuthTokens
    from .oauth_2_authorize_code_challenge_method import (
        Oauth2AuthorizeCodeChallengeMethod,
    )
    from .oauth_2_authorize_response_type import Oauth2AuthorizeResponseType
    from .profile import Profile
    from .search_document import SearchDocument
    from .search_integration import SearchIntegration
    from .search_result import SearchResult
    from .shared_knowledge import SharedKnowledge
    from .signin_request import SigninRequest
    from .signup_request import SignupRequest
    from .team_membership import TeamMembership
    from .user import User
    from .validation_error import ValidationError
    from .vector_store import VectorStore
    from .vector_store_agentic_search_request import VectorStoreAgenticSearchRequest
    from .vector_store_agentic_search_result import VectorStoreAgenticSearchResult
    from .vector_store_configs import VectorStoreConfigs
    from .vector_store_create import VectorStoreCreate
    from .vector_store_created import VectorStoreCreated
    from .vector_store_document import VectorStoreDocument
    from .vector_store_document_create import VectorStoreDocumentCreate
    from .vector_store_document_rename import VectorStoreDocumentRename
    from .vector_store_document_status import VectorStoreDocumentStatus
    from .vector_store_match import VectorStoreMatch
    from .vector_store_ref import VectorStoreRef
    from .vector_store_search_document import VectorStoreSearchDocument
    from .vector_store_search_result import VectorStoreSearchResult
    from .vector_store_upload import VectorStoreUpload
    from .vector_store_upload_error import VectorStoreUploadError
    from .vector_store_upload_result import VectorStoreUploadResult
    from .vector_store_uploaded_document import VectorStoreUploadedDocument
    from .verify_email_request import VerifyEmailRequest

_MODULES = {
    "Account": ".account",
    "AgenticSearchMetadata": ".agentic_search_metadata",
    "AgenticSearchRequest": ".agentic_search_request",
    "AgenticSearchResult": ".agentic_search_result",
    "CreateMementoRequest": ".create_memento_request",
    "DataSource": ".data_source",
    "Detail": ".detail",
    "DiscussionContents": ".discussion_contents",
    "DiscussionContentsThreadContents": ".discussion_contents_thread_contents",
    "Document": ".document",
    "DocumentContents": ".document_contents",
    "DocumentPage": ".document_page",
    "DocumentStats": ".document_stats",
    "DocumentStatusCounts": ".document_status_counts",
    "Error": ".error",
    "GetDiscussionContentsIntegrationType": ".get_discussion_contents_integration_type",
    "Integration": ".integration",
    "IntegrationList": ".integration_list",
    "IntegrationType": ".integration_type",
    "MatchedChunk": ".matched_chunk",
    "Memento": ".memento",
    "MementoDocumentsRequest": ".memento_documents_request",
    "MemorizeRequest": ".memorize_request",
    "MemorizeResult": ".memorize_result",
    "OAuthError": ".o_auth_error",
    "OAuthErrorError": ".o_auth_error_error",
    "OAuthTokenRequest": ".o_auth_token_request",
    "OAuthTokenRequestGrantType": ".o_auth_token_request_grant_type",
    "OAuthTokens": ".o_auth_tokens",
    "Oauth2AuthorizeCodeChallengeMethod": ".oauth_2_authorize_code_challenge_method",
    "Oauth2AuthorizeResponseType": ".oauth_2_authorize_response_type",
    "Profile": ".profile",
    "SearchDocument": ".search_document",
    "SearchIntegration": ".search_integration",
    "SearchResult": ".search_result",
    "SharedKnowledge": ".shared_knowledge",
    "SigninRequest": ".signin_request",
    "SignupRequest": ".signup_request",
    "TeamMembership": ".team_membership",
    "User": ".user",
    "ValidationError": ".validation_error",
    "VectorStore": ".vector_store",
    "VectorStoreAgenticSearchRequest": ".vector_store_agentic_search_request",
    "VectorStoreAgenticSearchResult": ".vector_store_agentic_search_result",
    "VectorStoreConfigs": ".vector_store_configs",
    "VectorStoreCreate": ".vector_store_create",
    "VectorStoreCreated": ".vector_store_created",
    "VectorStoreDocument": ".vector_store_document",
    "VectorStoreDocumentCreate": ".vector_store_document_create",
    "VectorStoreDocumentRename": ".vector_store_document_rename",
    "VectorStoreDocumentStatus": ".vector_store_document_status",
    "VectorStoreMatch": ".vector_store_match",
    "VectorStoreRef": ".vector_store_ref",
    "VectorStoreSearchDocument": ".vector_store_search_document",
    "VectorStoreSearchResult": ".vector_store_search_result",
    "VectorStoreUpload": ".vector_store_upload",
    "VectorStoreUploadError": ".vector_store_upload_error",
    "VectorStoreUploadResult": ".vector_store_upload_result",
    "VectorStoreUploadedDocument": ".vector_store_uploaded_document",
    "VerifyEmailRequest": ".verify_email_request",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # once: later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = (
    "Account",
    "AgenticSearchMetadata",
    "AgenticSearchRequest",
    "AgenticSearchResult",
    "CreateMementoRequest",
    "DataSource",
    "Detail",
    "DiscussionContents",
    "DiscussionContentsThreadContents",
    "Document",
    "DocumentContents",
    "DocumentPage",
    "DocumentStats",
    "DocumentStatusCounts",
    "Error",
    "GetDiscussionContentsIntegrationType",
    "Integration",
    "IntegrationList",
    "IntegrationType",
    "MatchedChunk",
    "Memento",
    "MementoDocumentsRequest",
    "MemorizeRequest",
    "MemorizeResult",
    "OAuthError",
    "OAuthErrorError",
    "OAuthTokenRequest",
    "OAuthTokenRequestGrantType",
    "OAuthTokens",
    "Oauth2AuthorizeCodeChallengeMethod",
    "Oauth2AuthorizeResponseType",
    "Profile",
    "SearchDocument",
    "SearchIntegration",
    "SearchResult",
    "SharedKnowledge",
    "SigninRequest",
    "SignupRequest",
    "TeamMembership",
    "User",
    "ValidationError",
    "VectorStore",
    "VectorStoreAgenticSearchRequest",
    "VectorStoreAgenticSearchResult",
    "VectorStoreConfigs",
    "VectorStoreCreate",
    "VectorStoreCreated",
    "VectorStoreDocument",
    "VectorStoreDocumentCreate",
    "VectorStoreDocumentRename",
    "VectorStoreDocumentStatus",
    "VectorStoreMatch",
    "VectorStoreRef",
    "VectorStoreSearchDocument",
    "VectorStoreSearchResult",
    "VectorStoreUpload",
    "VectorStoreUploadError",
    "VectorStoreUploadResult",
    "VectorStoreUploadedDocument",
    "VerifyEmailRequest",
)
