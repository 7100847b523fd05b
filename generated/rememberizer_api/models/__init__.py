"""Contains all the data models used in inputs/outputs"""

from .account import Account
from .agentic_search_request import AgenticSearchRequest
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
from .search_document import SearchDocument
from .search_result import SearchResult
from .shared_knowledge import SharedKnowledge
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
    "AgenticSearchRequest",
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
    "SearchDocument",
    "SearchResult",
    "SharedKnowledge",
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
