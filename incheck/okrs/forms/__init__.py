"""HTML forms: they parse input strictly and hand plain values to the services (no rules here)."""
