"""Loading spaCy: the pipeline newsprism runs gives what stock spaCy gives."""

import spacy

from newsprism.nlp import SPACY_MODELS, load_spacy


def test_lemmas_are_stock_spacy_s_with_the_lemmatizer_s_word_lists_as_sets(seed_paths):
    ours = load_spacy()
    stock = spacy.load(SPACY_MODELS[0])
    index = ours.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in index.values())
    assert isinstance(next(iter(stock.get_pipe("lemmatizer").lookups.get_table("lemma_index").values())), list)
    for path in seed_paths.values():
        text = path.read_text(encoding="utf-8")
        mine, theirs = ours(text), stock(text)
        assert [t.lemma_ for t in mine] == [t.lemma_ for t in theirs]
        assert [t.pos_ for t in mine] == [t.pos_ for t in theirs]
