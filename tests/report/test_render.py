from newsprism.report.render import PALETTE, Links, bar_chart, outlet_file, timeline_chart


def test_events_of_one_day_share_a_bar_linking_to_the_largest():
    timeline = [
        {"id": "e1", "title": "Small", "date": "2024-01-01", "articles": 1, "outlets": {"A": 1}},
        {"id": "e2", "title": "Big", "date": "2024-01-01", "articles": 3, "outlets": {"A": 1, "B": 2}},
        {"id": "e3", "title": "Later", "date": "2024-01-05", "articles": 1, "outlets": {"C": 1}},
    ]
    chart = timeline_chart(timeline, ["A", "B", "C"], width=140, height=124)
    first_day = [b for b in chart["bars"] if b["label"].startswith("2024-01-01")]
    assert [(b["event"], b["fill"], b["h"]) for b in first_day] == [("e2", PALETTE[0], 46.0), ("e2", PALETTE[1], 46.0)]
    assert first_day[0]["label"] == "2024-01-01: 2 events, the largest: Big — A: 2 article(s)"
    assert first_day[1]["y"] == 8.0  # the day with 4 articles reaches the top of the plot
    (later,) = [b for b in chart["bars"] if b["event"] == "e3"]
    assert later["x"] > first_day[0]["x"] and later["h"] == 23.0
    assert chart["max"] == 4 and [t["label"] for t in chart["ticks"]][::4] == ["2024-01-01", "2024-01-05"]


def test_outlets_past_the_palette_are_grey_and_counted_in_the_legend():
    names = [f"O{i:02}" for i in range(12)]
    chart = timeline_chart([{"id": "e", "title": "t", "date": "2024-01-01", "articles": 12,
                             "outlets": {n: 1 for n in names}}], names)
    assert chart["legend"][-1] == {"name": "2 other outlet(s)", "fill": "#cfcfcf"}
    assert sum(1 for b in chart["bars"] if b["fill"] == "#cfcfcf") == 2
    assert timeline_chart([], [])["bars"] == []


def test_links_for_the_app_and_the_static_report():
    assert Links().to("outlets", "Mehr News/Agency") == "/outlets/Mehr%20News%2FAgency"
    assert Links().to("events", "ab12", as_json=True) == "/events/ab12.json"
    assert Links().search("a b") == "/search?q=a%20b"
    static = Links(static=True, depth=1)
    assert static.to("events", "ab12") == "../events/ab12.html"
    assert static.to("outlets", "Mehr News Agency") == f"../outlets/{outlet_file('Mehr News Agency')}.html"
    assert static.index() == "../index.html" and static.search() is None


def test_bars_scale_to_the_largest_value():
    bars = bar_chart([{"t": "a", "z": 4.0}, {"t": "b", "z": 2.0}], "z", "t", width=100)
    assert [(b["label"], b["w"]) for b in bars] == [("a", 100.0), ("b", 50.0)]
