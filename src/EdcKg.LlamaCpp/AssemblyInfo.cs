namespace EdcKg.LlamaCpp;
