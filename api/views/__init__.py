"""The API's views: one module per resource, each handler thin (parse, call a service, answer)."""
