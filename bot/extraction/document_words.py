"""The word lists of the document rules (bot/extraction/words/documents.yaml), loaded once
for agreements.py, agreement_lists.py and agreement_status.py."""

from __future__ import annotations

from bot.extraction.wordlists import word_lists, word_map, word_set

AGREEMENT_HEADS = word_map("documents", "heads")
AGREEMENT_MODIFIERS = word_set("documents", "modifiers")
ENGLISH_SUBJECT_STOP = word_set("documents", "english_subject_stop")
VAGUE_GROUPS = word_set("documents", "vague_groups")
NUMBER_WORDS = {word: int(value) for word, value in word_map("documents", "number_words").items()}
COMPLEMENT_STARTS = word_set("documents", "complement_starts")
CLAUSE_WORDS = word_set("documents", "clause_words")
CLAUSE_BREAKS = word_set("documents", "clause_breaks")
SIGNED = word_set("documents", "signed")
PLANNED = word_set("documents", "planned")
PLANS = word_set("documents", "plans")
IN_FORCE = word_set("documents", "in_force")
CURRENT = word_set("documents", "current")
RATIFICATION = word_set("documents", "ratification")
ENGLISH_TITLE_ENDS = word_set("documents", "english_title_ends")
LIST_LEADS = tuple(tuple(str(w) for w in lead) for lead in word_lists("documents")["list_leads"])
PLURAL_HEADS = word_map("documents", "plural_heads")
LIST_ENDS = word_set("documents", "list_ends")
DOCUMENT_WORDS = word_set("documents", "document_words")
AMENDMENT_WORDS = word_set("documents", "amendment_words")
BACK_REFERENCES = word_set("documents", "back_references")
PACKAGE_WORDS = word_set("documents", "package_words")
