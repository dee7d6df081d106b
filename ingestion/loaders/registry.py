"""Every loader, by name, in the order `load_all` runs them."""

from __future__ import annotations

from ingestion.loaders import (
    crm,
    facebook,
    instagram,
    introductions_log,
    linkedin,
    meta_business_suite,
    roster,
    spend,
    tiktok,
    tiktok_studio,
    x_archive,
    youtube_data_api,
    youtube_studio,
    youtube_takeout,
)
from ingestion.loaders.base import Loader

LOADERS: dict[str, Loader] = {
    loader.name: loader
    for loader in (
        roster.LOADER,
        x_archive.LOADER,
        instagram.LOADER,
        meta_business_suite.LOADER,
        facebook.LOADER,
        tiktok.LOADER,
        tiktok_studio.LOADER,
        youtube_studio.LOADER,
        youtube_data_api.LOADER,
        youtube_takeout.LOADER,
        linkedin.LOADER,
        crm.LOADER,
        introductions_log.LOADER,
        spend.LOADER,
    )
}
