"""No synthetic data: the throwaway register exists only inside its test."""
