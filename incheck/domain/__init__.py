"""The method's rules as plain functions over plain values.

Nothing in this package imports Django or touches the database: every rule can be tested
in microseconds, and the services, selectors, views and API all call the same functions.
"""
