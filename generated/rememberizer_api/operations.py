"""What each operation of the spec is, for the facade and its auth flow.

Written by scripts/regenerate from spec/rememberizer_openapi.yml; do not edit. The facade
reads paths, credentials, captcha actions, idempotency and success statuses from here, so
that none of them is a literal in rememberizer/.
"""

from typing import NamedTuple


class OperationInfo(NamedTuple):
    """One operation of the spec."""

    operation_id: str
    module: str
    """The generated module under rememberizer_api.api, e.g. "auth.signup"."""
    method: str
    path: str
    success: frozenset[int]
    """The 2xx statuses the spec documents."""
    security: tuple[frozenset[str], ...]
    """The alternatives of security scheme names; () sends no credentials."""
    captcha_action: str | None
    """x-rememberizer-captcha-action: the body's captcha is filled for this action."""
    idempotent: bool
    """x-rememberizer-idempotent, else by method: may it be replayed after the server saw it."""
    upload_limits: "UploadLimits | None" = None
    """x-rememberizer-upload-limits: what one multipart request may carry."""
    bounds: "tuple[tuple[str, Bounds], ...]" = ()
    """The documented bounds of each parameter and body field that has any, as (name, bounds)
    pairs: a tuple, so that an OperationInfo stays hashable."""
    pagination: "Pagination | None" = None
    """x-rememberizer-pagination: how a list operation pages."""


class UploadLimits(NamedTuple):
    """The documented bounds of one upload request."""

    files: int
    file_bytes: int
    request_bytes: int
    extensions: frozenset[str]
    """The file name endings the server takes (lower case, with the dot)."""


class Bounds(NamedTuple):
    """What the spec allows of one parameter or body field (None: no bound)."""

    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    max_items: int | None = None
    pattern: str | None = None
    max_words: int | None = None
    """x-rememberizer-max-words: at most this many whitespace-separated words."""


class Pagination(NamedTuple):
    """How a list operation pages (x-rememberizer-pagination)."""

    page: str
    """The query parameter that names the page, counted from 1."""
    size: str | None
    """The query parameter that sets how many items a page holds."""
    next: str | None
    """The response field holding the next page's URL; None: a short page is the last."""


class SecurityScheme(NamedTuple):
    """One of the spec's components.securitySchemes."""

    name: str
    header: str
    """The request header that carries it, in lower case."""
    cookie: str | None
    """The cookie's name, for a scheme sent as a cookie."""


SIGNUP = OperationInfo(
    operation_id='signup',
    module='auth.signup',
    method='POST',
    path='/auth/signup/',
    success=frozenset([201]),
    security=(),
    captcha_action='signup',
    idempotent=False,
    bounds=(
        ('captcha', Bounds(min_length=1)),
        ('name', Bounds(min_length=1)),
        ('password', Bounds(min_length=8)),
    ),
)

SIGNIN = OperationInfo(
    operation_id='signin',
    module='auth.signin',
    method='POST',
    path='/auth/signin/',
    success=frozenset([204]),
    security=(),
    captcha_action='signin',
    idempotent=False,
    bounds=(
        ('captcha', Bounds(min_length=1)),
        ('login', Bounds(min_length=1)),
        ('password', Bounds(min_length=1)),
    ),
)

VERIFY_EMAIL = OperationInfo(
    operation_id='verify_email',
    module='auth.verify_email',
    method='POST',
    path='/auth/verify-email/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=False,
    bounds=(
        ('verification_code', Bounds(pattern='^[0-9]{6}$')),
    ),
)

REFRESH = OperationInfo(
    operation_id='refresh',
    module='auth.refresh',
    method='POST',
    path='/auth/custom-refresh/',
    success=frozenset([204]),
    security=(frozenset(['refreshCookie']), ),
    captcha_action=None,
    idempotent=False,
)

LOGOUT = OperationInfo(
    operation_id='logout',
    module='auth.logout',
    method='POST',
    path='/auth/custom-logout/',
    success=frozenset([204]),
    security=(frozenset(['refreshCookie']), ),
    captcha_action=None,
    idempotent=False,
)

GET_ACCOUNT = OperationInfo(
    operation_id='get_account',
    module='account.get_account',
    method='GET',
    path='/account/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), frozenset(['oauth2']), frozenset(['apiKeyAuth']), frozenset(['publicCkId']), ),
    captcha_action=None,
    idempotent=True,
)

GET_ME = OperationInfo(
    operation_id='get_me',
    module='account.get_me',
    method='GET',
    path='/me/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), frozenset(['oauth2']), ),
    captcha_action=None,
    idempotent=True,
)

GET_VECTOR_STORE = OperationInfo(
    operation_id='get_vector_store',
    module='vector_stores.get_vector_store',
    method='GET',
    path='/vector-stores/me',
    success=frozenset([200]),
    security=(frozenset(['vectorStoreKey']), ),
    captcha_action=None,
    idempotent=True,
)

LIST_VECTOR_STORE_DOCUMENTS = OperationInfo(
    operation_id='list_vector_store_documents',
    module='vector_stores.list_vector_store_documents',
    method='GET',
    path='/vector-stores/{vector_store_id}/documents',
    success=frozenset([200]),
    security=(frozenset(['vectorStoreKey']), ),
    captcha_action=None,
    idempotent=True,
    bounds=(
        ('page', Bounds(minimum=1)),
        ('page_size', Bounds(minimum=1, maximum=1000)),
        ('vector_store_id', Bounds(min_length=1)),
    ),
    pagination=Pagination(page='page', size='page_size', next=None),
)

CREATE_VECTOR_STORE_DOCUMENT = OperationInfo(
    operation_id='create_vector_store_document',
    module='vector_stores.create_vector_store_document',
    method='POST',
    path='/vector-stores/{vector_store_id}/documents/create',
    success=frozenset([201]),
    security=(frozenset(['vectorStoreKey']), ),
    captcha_action=None,
    idempotent=False,
    bounds=(
        ('name', Bounds(min_length=1, max_length=255)),
        ('text', Bounds(min_length=1)),
        ('vector_store_id', Bounds(min_length=1)),
    ),
)

UPLOAD_VECTOR_STORE_DOCUMENTS = OperationInfo(
    operation_id='upload_vector_store_documents',
    module='vector_stores.upload_vector_store_documents',
    method='POST',
    path='/vector-stores/{vector_store_id}/documents/upload',
    success=frozenset([201, 207]),
    security=(frozenset(['vectorStoreKey']), ),
    captcha_action=None,
    idempotent=False,
    upload_limits=UploadLimits(
        files=20,
        file_bytes=52428800,
        request_bytes=104857600,
        extensions=frozenset(['.doc', '.docx', '.htm', '.html', '.json', '.md', '.pdf', '.ppt', '.pptx', '.txt', '.xls', '.xlsx']),
    ),
    bounds=(
        ('vector_store_id', Bounds(min_length=1)),
    ),
)

SEARCH_VECTOR_STORE_DOCUMENTS = OperationInfo(
    operation_id='search_vector_store_documents',
    module='vector_stores.search_vector_store_documents',
    method='GET',
    path='/vector-stores/{vector_store_id}/documents/search',
    success=frozenset([200]),
    security=(frozenset(['vectorStoreKey']), ),
    captcha_action=None,
    idempotent=True,
    bounds=(
        ('n', Bounds(minimum=1, maximum=100)),
        ('next_chunks', Bounds(minimum=0, maximum=20)),
        ('prev_chunks', Bounds(minimum=0, maximum=20)),
        ('q', Bounds(min_length=1)),
        ('t', Bounds(minimum=0, maximum=1)),
        ('vector_store_id', Bounds(min_length=1)),
    ),
)

GET_VECTOR_STORE_DOCUMENT = OperationInfo(
    operation_id='get_vector_store_document',
    module='vector_stores.get_vector_store_document',
    method='GET',
    path='/vector-stores/{vector_store_id}/documents/{document_id}',
    success=frozenset([200]),
    security=(frozenset(['vectorStoreKey']), ),
    captcha_action=None,
    idempotent=True,
    bounds=(
        ('document_id', Bounds(minimum=1)),
        ('vector_store_id', Bounds(min_length=1)),
    ),
)

DELETE_VECTOR_STORE_DOCUMENT = OperationInfo(
    operation_id='delete_vector_store_document',
    module='vector_stores.delete_vector_store_document',
    method='DELETE',
    path='/vector-stores/{vector_store_id}/documents/{document_id}/',
    success=frozenset([204]),
    security=(frozenset(['vectorStoreKey']), ),
    captcha_action=None,
    idempotent=True,
    bounds=(
        ('document_id', Bounds(minimum=1)),
        ('vector_store_id', Bounds(min_length=1)),
    ),
)

RENAME_VECTOR_STORE_DOCUMENT = OperationInfo(
    operation_id='rename_vector_store_document',
    module='vector_stores.rename_vector_store_document',
    method='PATCH',
    path='/vector-stores/{vector_store_id}/documents/{document_id}/',
    success=frozenset([200]),
    security=(frozenset(['vectorStoreKey']), ),
    captcha_action=None,
    idempotent=True,
    bounds=(
        ('document_id', Bounds(minimum=1)),
        ('name', Bounds(min_length=1, max_length=255)),
        ('vector_store_id', Bounds(min_length=1)),
    ),
)

AGENTIC_SEARCH_VECTOR_STORE_DOCUMENTS = OperationInfo(
    operation_id='agentic_search_vector_store_documents',
    module='vector_stores.agentic_search_vector_store_documents',
    method='POST',
    path='/vector-stores/{vector_store_id}/documents/agentic_search',
    success=frozenset([200]),
    security=(frozenset(['vectorStoreKey']), ),
    captcha_action=None,
    idempotent=True,
    bounds=(
        ('n_chunks', Bounds(minimum=1, maximum=100)),
        ('query', Bounds(min_length=1)),
        ('vector_store_id', Bounds(min_length=1)),
    ),
)

CREATE_VECTOR_STORE = OperationInfo(
    operation_id='create_vector_store',
    module='vector_stores.create_vector_store',
    method='POST',
    path='/vector-stores/',
    success=frozenset([201]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=False,
    bounds=(
        ('name', Bounds(min_length=1)),
    ),
)

GET_VECTOR_STORE_CONFIGS = OperationInfo(
    operation_id='get_vector_store_configs',
    module='vector_stores.get_vector_store_configs',
    method='GET',
    path='/vector-stores/configs',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=True,
)

OAUTH2_AUTHORIZE = OperationInfo(
    operation_id='oauth2_authorize',
    module='oauth2.oauth2_authorize',
    method='GET',
    path='/auth/oauth2/authorize/',
    success=frozenset([200]),
    security=(frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=True,
    bounds=(
        ('code_challenge', Bounds(pattern='^[A-Za-z0-9_-]{43}$')),
    ),
)

OAUTH2_TOKEN = OperationInfo(
    operation_id='oauth2_token',
    module='oauth2.oauth2_token',
    method='POST',
    path='/auth/oauth2/token/',
    success=frozenset([200]),
    security=(),
    captcha_action=None,
    idempotent=False,
)

LIST_INTEGRATIONS = OperationInfo(
    operation_id='list_integrations',
    module='integrations.list_integrations',
    method='GET',
    path='/integrations/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), frozenset(['apiKeyAuth']), frozenset(['publicCkId']), ),
    captcha_action=None,
    idempotent=True,
)

LIST_DOCUMENTS = OperationInfo(
    operation_id='list_documents',
    module='documents.list_documents',
    method='GET',
    path='/documents/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), frozenset(['apiKeyAuth']), frozenset(['publicCkId']), ),
    captcha_action=None,
    idempotent=True,
    bounds=(
        ('page', Bounds(minimum=1)),
        ('page_size', Bounds(minimum=1, maximum=1000)),
    ),
    pagination=Pagination(page='page', size='page_size', next='next'),
)

SEARCH_DOCUMENTS = OperationInfo(
    operation_id='search_documents',
    module='documents.search_documents',
    method='GET',
    path='/documents/search/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), frozenset(['apiKeyAuth']), frozenset(['publicCkId']), ),
    captcha_action=None,
    idempotent=True,
    bounds=(
        ('n', Bounds(minimum=1, maximum=100)),
        ('next_chunks', Bounds(minimum=0, maximum=20)),
        ('prev_chunks', Bounds(minimum=0, maximum=20)),
        ('q', Bounds(min_length=1, max_words=400)),
    ),
)

AGENTIC_SEARCH_DOCUMENTS = OperationInfo(
    operation_id='agentic_search_documents',
    module='documents.agentic_search_documents',
    method='POST',
    path='/documents/agentic_search/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), frozenset(['apiKeyAuth']), frozenset(['publicCkId']), ),
    captcha_action=None,
    idempotent=True,
    bounds=(
        ('n_chunks', Bounds(minimum=1, maximum=100)),
        ('query', Bounds(min_length=1, max_words=400)),
    ),
)

GET_DOCUMENT_CONTENTS = OperationInfo(
    operation_id='get_document_contents',
    module='documents.get_document_contents',
    method='GET',
    path='/documents/{document_id}/contents/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), frozenset(['apiKeyAuth']), frozenset(['publicCkId']), ),
    captcha_action=None,
    idempotent=True,
    bounds=(
        ('end_chunk', Bounds(minimum=0)),
        ('start_chunk', Bounds(minimum=0)),
    ),
)

MEMORIZE_DOCUMENT = OperationInfo(
    operation_id='memorize_document',
    module='documents.memorize_document',
    method='POST',
    path='/documents/memorize/',
    success=frozenset([200, 201]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), frozenset(['apiKeyAuth']), frozenset(['publicCkId']), ),
    captcha_action=None,
    idempotent=False,
    bounds=(
        ('content', Bounds(min_length=1)),
        ('name', Bounds(min_length=1, max_length=255)),
    ),
)

GET_DISCUSSION_CONTENTS = OperationInfo(
    operation_id='get_discussion_contents',
    module='discussions.get_discussion_contents',
    method='GET',
    path='/discussions/{discussion_id}/contents/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), frozenset(['apiKeyAuth']), ),
    captcha_action=None,
    idempotent=True,
)

LIST_SUBSCRIBED_KNOWLEDGE = OperationInfo(
    operation_id='list_subscribed_knowledge',
    module='common_knowledge.list_subscribed_knowledge',
    method='GET',
    path='/common-knowledge/subscribed-list/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=True,
)

LIST_MEMENTOS = OperationInfo(
    operation_id='list_mementos',
    module='mementos.list_mementos',
    method='GET',
    path='/mementos/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=True,
)

CREATE_MEMENTO = OperationInfo(
    operation_id='create_memento',
    module='mementos.create_memento',
    method='POST',
    path='/mementos/',
    success=frozenset([201]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=False,
    bounds=(
        ('name', Bounds(min_length=1, max_length=255)),
    ),
)

GET_MEMENTO = OperationInfo(
    operation_id='get_memento',
    module='mementos.get_memento',
    method='GET',
    path='/mementos/{memento_id}/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=True,
)

DELETE_MEMENTO = OperationInfo(
    operation_id='delete_memento',
    module='mementos.delete_memento',
    method='DELETE',
    path='/mementos/{memento_id}/',
    success=frozenset([204]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=True,
)

UPDATE_MEMENTO_DOCUMENTS = OperationInfo(
    operation_id='update_memento_documents',
    module='mementos.update_memento_documents',
    method='POST',
    path='/mementos/memento_document/{memento_id}/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=True,
)

BEARER_AUTH_SCHEME = SecurityScheme(
    name='bearerAuth',
    header='authorization',
    cookie=None,
)

ACCESS_COOKIE_SCHEME = SecurityScheme(
    name='accessCookie',
    header='cookie',
    cookie='access_token',
)

REFRESH_COOKIE_SCHEME = SecurityScheme(
    name='refreshCookie',
    header='cookie',
    cookie='refresh_token',
)

VECTOR_STORE_KEY_SCHEME = SecurityScheme(
    name='vectorStoreKey',
    header='x-api-key',
    cookie=None,
)

OAUTH2_SCHEME = SecurityScheme(
    name='oauth2',
    header='authorization',
    cookie=None,
)

API_KEY_AUTH_SCHEME = SecurityScheme(
    name='apiKeyAuth',
    header='x-api-key',
    cookie=None,
)

PUBLIC_CK_ID_SCHEME = SecurityScheme(
    name='publicCkId',
    header='public-ck-id',
    cookie=None,
)

SECURITY_SCHEMES: dict[str, SecurityScheme] = {
    BEARER_AUTH_SCHEME.name: BEARER_AUTH_SCHEME,
    ACCESS_COOKIE_SCHEME.name: ACCESS_COOKIE_SCHEME,
    REFRESH_COOKIE_SCHEME.name: REFRESH_COOKIE_SCHEME,
    VECTOR_STORE_KEY_SCHEME.name: VECTOR_STORE_KEY_SCHEME,
    OAUTH2_SCHEME.name: OAUTH2_SCHEME,
    API_KEY_AUTH_SCHEME.name: API_KEY_AUTH_SCHEME,
    PUBLIC_CK_ID_SCHEME.name: PUBLIC_CK_ID_SCHEME,
}
CREDENTIAL_HEADERS = frozenset(s.header for s in SECURITY_SCHEMES.values())
"""Every request header that carries a credential (lower case): stripped on a redirect
that leaves the API, refused in extra_headers, redacted in logs and errors."""
SESSION_COOKIES = frozenset(s.cookie for s in SECURITY_SCHEMES.values() if s.cookie)
"""The cookies of the cookie schemes: the session, kept out of the jar."""

OPERATIONS: dict[str, OperationInfo] = {
    SIGNUP.operation_id: SIGNUP,
    SIGNIN.operation_id: SIGNIN,
    VERIFY_EMAIL.operation_id: VERIFY_EMAIL,
    REFRESH.operation_id: REFRESH,
    LOGOUT.operation_id: LOGOUT,
    GET_ACCOUNT.operation_id: GET_ACCOUNT,
    GET_ME.operation_id: GET_ME,
    GET_VECTOR_STORE.operation_id: GET_VECTOR_STORE,
    LIST_VECTOR_STORE_DOCUMENTS.operation_id: LIST_VECTOR_STORE_DOCUMENTS,
    CREATE_VECTOR_STORE_DOCUMENT.operation_id: CREATE_VECTOR_STORE_DOCUMENT,
    UPLOAD_VECTOR_STORE_DOCUMENTS.operation_id: UPLOAD_VECTOR_STORE_DOCUMENTS,
    SEARCH_VECTOR_STORE_DOCUMENTS.operation_id: SEARCH_VECTOR_STORE_DOCUMENTS,
    GET_VECTOR_STORE_DOCUMENT.operation_id: GET_VECTOR_STORE_DOCUMENT,
    DELETE_VECTOR_STORE_DOCUMENT.operation_id: DELETE_VECTOR_STORE_DOCUMENT,
    RENAME_VECTOR_STORE_DOCUMENT.operation_id: RENAME_VECTOR_STORE_DOCUMENT,
    AGENTIC_SEARCH_VECTOR_STORE_DOCUMENTS.operation_id: AGENTIC_SEARCH_VECTOR_STORE_DOCUMENTS,
    CREATE_VECTOR_STORE.operation_id: CREATE_VECTOR_STORE,
    GET_VECTOR_STORE_CONFIGS.operation_id: GET_VECTOR_STORE_CONFIGS,
    OAUTH2_AUTHORIZE.operation_id: OAUTH2_AUTHORIZE,
    OAUTH2_TOKEN.operation_id: OAUTH2_TOKEN,
    LIST_INTEGRATIONS.operation_id: LIST_INTEGRATIONS,
    LIST_DOCUMENTS.operation_id: LIST_DOCUMENTS,
    SEARCH_DOCUMENTS.operation_id: SEARCH_DOCUMENTS,
    AGENTIC_SEARCH_DOCUMENTS.operation_id: AGENTIC_SEARCH_DOCUMENTS,
    GET_DOCUMENT_CONTENTS.operation_id: GET_DOCUMENT_CONTENTS,
    MEMORIZE_DOCUMENT.operation_id: MEMORIZE_DOCUMENT,
    GET_DISCUSSION_CONTENTS.operation_id: GET_DISCUSSION_CONTENTS,
    LIST_SUBSCRIBED_KNOWLEDGE.operation_id: LIST_SUBSCRIBED_KNOWLEDGE,
    LIST_MEMENTOS.operation_id: LIST_MEMENTOS,
    CREATE_MEMENTO.operation_id: CREATE_MEMENTO,
    GET_MEMENTO.operation_id: GET_MEMENTO,
    DELETE_MEMENTO.operation_id: DELETE_MEMENTO,
    UPDATE_MEMENTO_DOCUMENTS.operation_id: UPDATE_MEMENTO_DOCUMENTS,
}
BY_ROUTE: dict[tuple[str, str], OperationInfo] = {
    (SIGNUP.method, SIGNUP.path): SIGNUP,
    (SIGNIN.method, SIGNIN.path): SIGNIN,
    (VERIFY_EMAIL.method, VERIFY_EMAIL.path): VERIFY_EMAIL,
    (REFRESH.method, REFRESH.path): REFRESH,
    (LOGOUT.method, LOGOUT.path): LOGOUT,
    (GET_ACCOUNT.method, GET_ACCOUNT.path): GET_ACCOUNT,
    (GET_ME.method, GET_ME.path): GET_ME,
    (GET_VECTOR_STORE.method, GET_VECTOR_STORE.path): GET_VECTOR_STORE,
    (LIST_VECTOR_STORE_DOCUMENTS.method, LIST_VECTOR_STORE_DOCUMENTS.path): LIST_VECTOR_STORE_DOCUMENTS,
    (CREATE_VECTOR_STORE_DOCUMENT.method, CREATE_VECTOR_STORE_DOCUMENT.path): CREATE_VECTOR_STORE_DOCUMENT,
    (UPLOAD_VECTOR_STORE_DOCUMENTS.method, UPLOAD_VECTOR_STORE_DOCUMENTS.path): UPLOAD_VECTOR_STORE_DOCUMENTS,
    (SEARCH_VECTOR_STORE_DOCUMENTS.method, SEARCH_VECTOR_STORE_DOCUMENTS.path): SEARCH_VECTOR_STORE_DOCUMENTS,
    (GET_VECTOR_STORE_DOCUMENT.method, GET_VECTOR_STORE_DOCUMENT.path): GET_VECTOR_STORE_DOCUMENT,
    (DELETE_VECTOR_STORE_DOCUMENT.method, DELETE_VECTOR_STORE_DOCUMENT.path): DELETE_VECTOR_STORE_DOCUMENT,
    (RENAME_VECTOR_STORE_DOCUMENT.method, RENAME_VECTOR_STORE_DOCUMENT.path): RENAME_VECTOR_STORE_DOCUMENT,
    (AGENTIC_SEARCH_VECTOR_STORE_DOCUMENTS.method, AGENTIC_SEARCH_VECTOR_STORE_DOCUMENTS.path): AGENTIC_SEARCH_VECTOR_STORE_DOCUMENTS,
    (CREATE_VECTOR_STORE.method, CREATE_VECTOR_STORE.path): CREATE_VECTOR_STORE,
    (GET_VECTOR_STORE_CONFIGS.method, GET_VECTOR_STORE_CONFIGS.path): GET_VECTOR_STORE_CONFIGS,
    (OAUTH2_AUTHORIZE.method, OAUTH2_AUTHORIZE.path): OAUTH2_AUTHORIZE,
    (OAUTH2_TOKEN.method, OAUTH2_TOKEN.path): OAUTH2_TOKEN,
    (LIST_INTEGRATIONS.method, LIST_INTEGRATIONS.path): LIST_INTEGRATIONS,
    (LIST_DOCUMENTS.method, LIST_DOCUMENTS.path): LIST_DOCUMENTS,
    (SEARCH_DOCUMENTS.method, SEARCH_DOCUMENTS.path): SEARCH_DOCUMENTS,
    (AGENTIC_SEARCH_DOCUMENTS.method, AGENTIC_SEARCH_DOCUMENTS.path): AGENTIC_SEARCH_DOCUMENTS,
    (GET_DOCUMENT_CONTENTS.method, GET_DOCUMENT_CONTENTS.path): GET_DOCUMENT_CONTENTS,
    (MEMORIZE_DOCUMENT.method, MEMORIZE_DOCUMENT.path): MEMORIZE_DOCUMENT,
    (GET_DISCUSSION_CONTENTS.method, GET_DISCUSSION_CONTENTS.path): GET_DISCUSSION_CONTENTS,
    (LIST_SUBSCRIBED_KNOWLEDGE.method, LIST_SUBSCRIBED_KNOWLEDGE.path): LIST_SUBSCRIBED_KNOWLEDGE,
    (LIST_MEMENTOS.method, LIST_MEMENTOS.path): LIST_MEMENTOS,
    (CREATE_MEMENTO.method, CREATE_MEMENTO.path): CREATE_MEMENTO,
    (GET_MEMENTO.method, GET_MEMENTO.path): GET_MEMENTO,
    (DELETE_MEMENTO.method, DELETE_MEMENTO.path): DELETE_MEMENTO,
    (UPDATE_MEMENTO_DOCUMENTS.method, UPDATE_MEMENTO_DOCUMENTS.path): UPDATE_MEMENTO_DOCUMENTS,
}
