"""HTTP plumbing shared by every service: app factory, problems, auth, health, metrics."""
