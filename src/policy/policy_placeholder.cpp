// Replaced by the policy module implementation.
