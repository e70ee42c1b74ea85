"""shiju (时局): structured political events, quotes, actors and relations from Chinese news and forums."""
__version__ = "0.1.0"
