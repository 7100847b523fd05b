"""Contains all the data models used in inputs/outputs"""

from .account import Account
from .detail import Detail
from .error import Error
from .profile import Profile
from .signin_request import SigninRequest
from .signup_request import SignupRequest
from .team_membership import TeamMembership
from .user import User
from .validation_error import ValidationError
from .verify_email_request import VerifyEmailRequest

__all__ = (
    "Account",
    "Detail",
    "Error",
    "Profile",
    "SigninRequest",
    "SignupRequest",
    "TeamMembership",
    "User",
    "ValidationError",
    "VerifyEmailRequest",
)
