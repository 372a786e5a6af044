// Replaced by the explainer.
