# The audit log counts matching events only up to a limit (issue 16).
audit-more-than = more than
