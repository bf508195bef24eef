"""The partner view (coach partner) following a rehearsal from the store."""
