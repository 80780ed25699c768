"""Staff accounts: sign-in, passwords, roles and the management of users."""
