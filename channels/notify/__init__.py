"""GOV.UK Notify: SMS and email through the official notifications-python-client."""
