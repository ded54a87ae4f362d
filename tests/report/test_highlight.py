from newsprism.report.highlight import Layer, segments


def test_overlapping_layers_cut_the_text_at_every_boundary():
    text = "He said “go home” today."
    out = segments(text, [Layer(0, 24, "voice-mixed"), Layer(8, 17, "quote", "direct quote"), Layer(0, 2, "speaker", None, ("entities", "e1")),
                          Layer(9, 11, "scare")])
    assert [(s["text"], s["classes"]) for s in out] == [
        ("He", ["voice-mixed", "speaker"]),
        (" said ", ["voice-mixed"]),
        ("“", ["voice-mixed", "quote"]),
        ("go", ["voice-mixed", "quote", "scare"]),
        (" home”", ["voice-mixed", "quote"]),
        (" today.", ["voice-mixed"]),
    ]
    assert out[0]["link"] == ["entities", "e1"] and out[1]["link"] is None
    assert out[3]["notes"] == ["direct quote"]


def test_text_without_layers_is_one_plain_segment_and_bad_spans_are_dropped():
    assert segments("abc", [Layer(2, 9, "x"), Layer(2, 2, "y"), Layer(-1, 1, "z")]) == [
        {"start": 0, "end": 3, "text": "abc", "classes": [], "notes": [], "link": None}]
    assert segments("", []) == []
