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
from .profile import Profile
from .search_document import SearchDocument
from .search_result import SearchResult
from .shared_knowledge import SharedKnowledge
from .signin_request import SigninRequest
from .signup_request import SignupRequest
from .team_membership import TeamMembership
from .user import User
from .validation_error import ValidationError
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
    "Profile",
    "SearchDocument",
    "SearchResult",
    "SharedKnowledge",
    "SigninRequest",
    "SignupRequest",
    "TeamMembership",
    "User",
    "ValidationError",
    "VerifyEmailRequest",
)
