"""CLI command implementations (imported lazily by shiju.cli)."""
