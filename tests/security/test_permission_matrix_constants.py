"""Shared by the matrix and its per-app modules."""

# "302 to the login page": status 302 and Location under /accounts/login/.
LOGIN = "login"
