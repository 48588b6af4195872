"""A local OpenID Connect provider (django-oauth-toolkit) standing in for a force's identity
provider in development and tests: demo staff sign in at it and the portal signs them in."""
