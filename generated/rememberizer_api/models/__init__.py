"""Contains all the data models used in inputs/outputs"""

from .account import Account
from .detail import Detail
from .error import Error
from .o_auth_consent import OAuthConsent
from .o_auth_consent_decision import OAuthConsentDecision
from .o_auth_error import OAuthError
from .o_auth_error_error import OAuthErrorError
from .o_auth_token_request import OAuthTokenRequest
from .o_auth_token_request_grant_type import OAuthTokenRequestGrantType
from .o_auth_tokens import OAuthTokens
from .o_auth_tokens_token_type import OAuthTokensTokenType
from .oauth_2_authorize_code_challenge_method import Oauth2AuthorizeCodeChallengeMethod
from .oauth_2_authorize_response_type import Oauth2AuthorizeResponseType
from .profile import Profile
from .signin_request import SigninRequest
from .signup_request import SignupRequest
from .team_membership import TeamMembership
from .user import User
from .validation_error import ValidationError
from .vector_store import VectorStore
from .vector_store_document import VectorStoreDocument
from .vector_store_document_create import VectorStoreDocumentCreate
from .vector_store_document_rename import VectorStoreDocumentRename
from .vector_store_document_status import VectorStoreDocumentStatus
from .vector_store_match import VectorStoreMatch
from .vector_store_ref import VectorStoreRef
from .vector_store_search_result import VectorStoreSearchResult
from .vector_store_upload import VectorStoreUpload
from .vector_store_upload_error import VectorStoreUploadError
from .vector_store_upload_result import VectorStoreUploadResult
from .vector_store_uploaded_document import VectorStoreUploadedDocument
from .verify_email_request import VerifyEmailRequest

__all__ = (
    "Account",
    "Detail",
    "Error",
    "OAuthConsent",
    "OAuthConsentDecision",
    "OAuthError",
    "OAuthErrorError",
    "OAuthTokenRequest",
    "OAuthTokenRequestGrantType",
    "OAuthTokens",
    "OAuthTokensTokenType",
    "Oauth2AuthorizeCodeChallengeMethod",
    "Oauth2AuthorizeResponseType",
    "Profile",
    "SigninRequest",
    "SignupRequest",
    "TeamMembership",
    "User",
    "ValidationError",
    "VectorStore",
    "VectorStoreDocument",
    "VectorStoreDocumentCreate",
    "VectorStoreDocumentRename",
    "VectorStoreDocumentStatus",
    "VectorStoreMatch",
    "VectorStoreRef",
    "VectorStoreSearchResult",
    "VectorStoreUpload",
    "VectorStoreUploadError",
    "VectorStoreUploadResult",
    "VectorStoreUploadedDocument",
    "VerifyEmailRequest",
)
