"""postil check, postil delete and damage said by every command (issue 12), run as a user
would, in a subprocess."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from storage import stems
from storage.backup import list_backups
from storage.library import Library
from tests.cli.test_backup_cli import note_ids, seed
from tests.cli.test_cli import postil
from tests.conftest import make_article
from tests.storage.test_backup import damage, fill


def _damaged_copy_with_a_good_backup(library_path: Path, *, schema_too: bool = True) -> Path:
    with Library.open(library_path) as library:
        fill(library, n_articles=6)
    made = postil(library_path, "backup")
    assert made.returncode == 0, made.stderr
    [good] = list_backups(library_path)
    if schema_too:
        damage(library_path)
    else:  # some of the articles' pages only, not the schema's: SQLite still opens the file
        conn = sqlite3.connect(library_path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            row[0]
            for row in conn.execute("SELECT pageno FROM dbstat WHERE name = 'articles' ORDER BY 1")
        ]
        conn.close()
        data = bytearray(library_path.read_bytes())
        for number in pages[1::2]:  # every other one: the table's own pages, counted from 1
            start = (number - 1) * page
            data[start + 64 : start + page - 64] = os.urandom(page - 128)
        library_path.write_bytes(bytes(data))
    return good.path


def test_check_says_a_whole_library_is_whole(library_path: Path):
    seed(library_path, ["a note"])
    done = postil(library_path, "check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("is whole")
    report = json.loads(postil(library_path, "check", "--json").stdout)
    assert report["ok"] is True and report["findings"] == []


def test_check_reports_a_damaged_page_and_names_the_good_backup(library_path: Path):
    good = _damaged_copy_with_a_good_backup(library_path, schema_too=False)
    done = postil(library_path, "check")
    assert done.returncode == 3
    lines = done.stdout.splitlines()
    assert any(line.startswith("integrity: ") for line in lines), done.stdout
    assert lines[-1].startswith("damaged: ") and str(good) in lines[-1]
    report = json.loads(postil(library_path, "check", "--json").stdout)
    assert report["ok"] is False and str(good) in report["advice"]


def test_check_finds_a_search_index_out_of_step(library_path: Path):
    seed(library_path, ["a note"])
    conn = sqlite3.connect(library_path)
    stems.register(conn)  # the derived indexes re-stem what they forget: as Postil does
    conn.execute("DROP TRIGGER articles_fts_au")  # an update the index never hears of
    conn.execute("UPDATE articles SET text = 'something else entirely'")
    conn.commit()
    conn.close()
    done = postil(library_path, "check")
    assert done.returncode == 3
    assert "search_index: articles_fts does not match" in done.stdout


def test_check_finds_a_word_index_out_of_step_and_compact_builds_it_again(library_path: Path):
    seed(library_path, ["a note"])
    conn = sqlite3.connect(library_path)
    stems.add_function(conn)
    conn.execute("DROP TRIGGER articles_search_au")  # the derived indexes never hear of it
    conn.execute("UPDATE articles SET text = 'something else entirely'")
    conn.execute("DROP TRIGGER annotations_prefixes_au")
    conn.execute("UPDATE annotations SET note = 'a word never said'")
    conn.commit()
    conn.close()
    assert "articles_prefixes" not in postil(library_path, "check").stdout  # not by default
    done = postil(library_path, "check", "--search-index")
    assert done.returncode == 0  # nothing is lost: the index is made from the articles
    lines = [line for line in done.stdout.splitlines() if "prefixes differs" in line]
    assert len(lines) == 2 and "postil compact --search-index" in lines[0], done.stdout
    mended = postil(library_path, "compact", "--search-index", "--json")
    assert mended.returncode == 0, mended.stderr
    assert json.loads(mended.stdout)["search_indexed"] == 1
    checked = postil(library_path, "check", "--search-index").stdout
    assert "differs" not in checked, checked
    found = postil(library_path, "search", "--json", "entirely")
    assert len(json.loads(found.stdout)) == 1


def test_after_damage_is_found_reads_warn_and_writes_refuse(library_path: Path):
    good = _damaged_copy_with_a_good_backup(library_path)
    assert postil(library_path, "check").returncode == 3
    listed = postil(library_path, "list")
    assert "is damaged" in listed.stderr and str(good) in listed.stderr
    before = library_path.read_bytes()
    refused = postil(library_path, "annotate", "1", "--quote", "Paragraph")
    assert refused.returncode == 3 and "nothing was changed" in refused.stderr
    assert library_path.read_bytes() == before
    assert len(refused.stderr.strip().splitlines()) == 1


def test_backup_of_a_damaged_library_says_so_and_keeps_the_good_ones(library_path: Path):
    good = _damaged_copy_with_a_good_backup(library_path)
    done = postil(library_path, "backup")
    assert done.returncode == 3
    assert "damaged" in done.stderr and "could not be written" not in done.stderr
    assert [b.path for b in list_backups(library_path)] == [good]


def test_restore_clears_the_damage(library_path: Path):
    good = _damaged_copy_with_a_good_backup(library_path)
    assert postil(library_path, "check").returncode == 3
    assert postil(library_path, "restore", str(good)).returncode == 0
    assert postil(library_path, "check").returncode == 0
    assert postil(library_path, "list").stderr == ""


def test_delete_removes_articles_with_their_highlights(library_path: Path):
    article_id, _notes = seed(library_path, ["one", "two"])
    with Library.open(library_path) as library:
        kept = library.articles.add(make_article("Another", ["Other text."])).article_id
    done = postil(library_path, "delete", str(article_id), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [
        {"id": article_id, "title": "Port traffic recovers", "annotations": 2}
    ]
    assert note_ids(library_path) == set()
    listed = json.loads(postil(library_path, "list", "--json").stdout)
    assert [a["id"] for a in listed] == [kept]
    assert postil(library_path, "check").returncode == 0


def test_delete_is_all_or_nothing(library_path: Path):
    article_id, ids = seed(library_path, ["one"])
    done = postil(library_path, "delete", str(article_id), "999")
    assert done.returncode == 1
    assert done.stderr.strip() == "postil: error: there is no article 999 in this library"
    assert note_ids(library_path) == set(ids)


def test_list_shows_and_filters_reading_states(library_path: Path):
    with Library.open(library_path) as library:
        read = library.articles.add(make_article("Read one", ["Text."])).article_id
        new = library.articles.add(make_article("New one", ["Other."])).article_id
        library.articles.set_status([read], "done")
    listed = json.loads(postil(library_path, "list", "--json").stdout)
    assert {a["id"]: (a["state"], a["progress"]) for a in listed} == {
        read: ("done", 100),
        new: ("unread", 0),
    }
    inbox = json.loads(postil(library_path, "list", "--state", "unread", "--json").stdout)
    assert [a["id"] for a in inbox] == [new]
    assert "(done)" in postil(library_path, "list").stdout
