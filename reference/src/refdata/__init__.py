"""Reference data shipped with the platform: Hanoi's administrative units and Vietnam's ethnic groups.

The CSV files and their sources and licences are in `refdata/data/` (see SOURCES.md there).
"""
