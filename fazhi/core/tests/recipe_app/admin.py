"""The throwaway register has no admin pages: the test drives its services directly."""
