import pytest

from newsprism.ingest.metadata import find_credit_outlet, find_dateline


@pytest.mark.parametrize(
    "text, place, outlet",
    [
        ("TEHRAN (Tasnim) – Leader of the Islamic Revolution", "TEHRAN", "Tasnim"),
        ("TEHRAN – In a meeting on Saturday", "TEHRAN", None),
        ("Islam Times - Leader of the Islamic Revolution", None, "Islam Times"),
        ("WASHINGTON, Jan. 3 (AP) — The president said", "WASHINGTON", "AP"),
        ("LONDON (Reuters) - Shares fell", "LONDON", "Reuters"),
        ("NEW YORK -- Markets opened", "NEW YORK", None),
    ],
)
def test_datelines(text, place, outlet):
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.outlet) == (place, outlet)


@pytest.mark.parametrize(
    "text",
    [
        "Iran’s leader has lashed out at former US president",
        "The minister said - in a rare interview - that",
        "Leader of the Islamic Revolution Ayatollah Seyyed Ali Khamenei says revenge",
        "US - Iran tensions rose",
    ],
)
def test_no_dateline(text):
    assert find_dateline(text) is None


def test_credit_lines():
    mehr = "the Leader pointed out. All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License."
    assert find_credit_outlet(mehr) == ("Mehr News Agency", "All Content by Mehr News Agency is licensed")
    assert find_credit_outlet("Body.\n© 2024 Harbour Herald. All rights reserved.")[0] == "Harbour Herald"
    assert find_credit_outlet("Copyright 2019-2021 Example News, all rights reserved")[0] == "Example News"
    assert find_credit_outlet("No credit here. He said it was a copyright matter.") is None
