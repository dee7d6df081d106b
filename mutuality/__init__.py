"""What the whole product shares: the platform registry and the run settings."""
