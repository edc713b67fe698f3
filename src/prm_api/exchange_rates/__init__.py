"""Exchange rates: what one unit of a currency was worth in the program's base currency on a
day, managed by vendor staff, and the conversion rule the metrics apply with them."""
