"""The attribution settings a run can choose (dbt vars `attribution_touchpoints_model` and
`attribution_path_transform`), checked before dbt starts. No Dagster import: the CLI reads it."""

from __future__ import annotations

PATH_TRANSFORMS = ("unique", "exposure", "first", "frequency")


def checked_model_name(value: str) -> str:
    """A dbt model name, as `ref()` takes it; raises ValueError otherwise."""
    name = value.strip()
    if not name.isidentifier():
        raise ValueError(f"attribution_touchpoints_model '{value}' is not a dbt model name")
    return name


def checked_path_transform(value: str) -> str:
    transform = value.strip().lower()
    if transform not in PATH_TRANSFORMS:
        raise ValueError(
            f"attribution_path_transform '{value}' is not one of {', '.join(PATH_TRANSFORMS)}"
        )
    return transform
