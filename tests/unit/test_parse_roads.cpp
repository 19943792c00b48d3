// parse_case has two roads: the flat one (src/flat_json.hpp) for plain,
// valid case files, and the DOM one that gives every error. They must never
// disagree: the fast road gives the same case as the full one, or nothing.
#include "sejour61/case.hpp"
#include "sejour61/json_parse.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace sejour61;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Every valid case text we have: the bundled examples and the scenarios'
// cases, compact, indented, and with their keys in reverse order.
std::vector<std::string> valid_texts() {
    const fs::path root(SEJOUR61_SOURCE_DIR);
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(root / "examples"))
        if (e.path().extension() == ".json") out.push_back(slurp(e.path()));
    for (const auto& e : fs::directory_iterator(root / "tests" / "cases")) {
        auto doc = nlohmann::ordered_json::parse(slurp(e.path()));
        if (!doc.contains("case")) continue;
        const auto& c = doc["case"];
        out.push_back(c.dump());
        out.push_back(c.dump(2));
        std::function<nlohmann::ordered_json(const nlohmann::ordered_json&)> reversed = [&](const auto& j) {
            if (j.is_object()) {
                nlohmann::ordered_json r = nlohmann::ordered_json::object();
                std::vector<std::string> keys;
                for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
                for (auto k = keys.rbegin(); k != keys.rend(); ++k) r[*k] = reversed(j[*k]);
                return r;
            }
            if (j.is_array()) {
                nlohmann::ordered_json r = nlohmann::ordered_json::array();
                for (const auto& x : j) r.push_back(reversed(x));
                return r;
            }
            return j;
        };
        out.push_back(reversed(c).dump(1, '\t'));
    }
    return out;
}

// The full road's answer: the case, or the error's text.
std::optional<Case> full(const std::string& text, std::string* error) {
    try {
        return parse_case_full(text);
    } catch (const CaseError& e) {
        *error = e.what();
        return std::nullopt;
    }
}

void expect_agreement(const std::string& text) {
    std::string error;
    auto slow = full(text, &error);
    auto fast = parse_case_fast(text);
    if (!slow) {
        EXPECT_FALSE(fast) << "the fast road accepted what the full road refuses (" << error << "):\n" << text;
    } else if (fast) {
        EXPECT_TRUE(*fast == *slow) << "the roads read different cases:\n" << text;
    }
}

const char* const kPlain = R"({"format": "sejour61.case/1", "id": "T-1",
  "person": {"birth_date": "1999-04-02", "nationality": "NG"},
  "offence": {"type": "trafficking"},
  "events": [{"date": "2026-01-05", "type": "indications", "by": "police"},
             {"date": "2026-01-06", "type": "centre_contact", "centre": "pag-asa"}]})";

}  // namespace

TEST(ParseRoads, EveryValidCaseTakesTheFastRoadAndReadsTheSame) {
    auto texts = valid_texts();
    ASSERT_GT(texts.size(), 150u);
    for (const auto& t : texts) {
        std::string error;
        auto slow = full(t, &error);
        ASSERT_TRUE(slow) << error << "\n" << t;
        auto fast = parse_case_fast(t);
        ASSERT_TRUE(fast) << "a valid, plain case left the fast road:\n" << t;
        EXPECT_TRUE(*fast == *slow) << t;
        EXPECT_TRUE(parse_case(t) == *slow);
    }
}

TEST(ParseRoads, NoBadInputTakesTheFastRoad) {
    const fs::path bad = fs::path(SEJOUR61_SOURCE_DIR) / "tests" / "bad" / "cases";
    int n = 0;
    for (const auto& e : fs::directory_iterator(bad)) {
        std::string error;
        if (full(slurp(e.path()), &error)) continue;  // a valid case whose error comes later (regime, date)
        EXPECT_FALSE(parse_case_fast(slurp(e.path()))) << e.path();
        ++n;
    }
    EXPECT_GT(n, 65);
}

TEST(ParseRoads, WhatTheFastRoadLeavesOutTheFullRoadReads) {
    std::string plain(kPlain);
    // An escape, a fraction: valid JSON the fast road does not read itself.
    std::string escaped = plain;
    escaped.replace(escaped.find("pag-asa"), 7, "pag\\u002dasa");
    EXPECT_FALSE(parse_case_fast(escaped));
    EXPECT_TRUE(parse_case(escaped) == parse_case(plain));
    EXPECT_EQ(parse_case(escaped).events[1].centre, "pag-asa");
    // Non-ASCII text (2, 3 and 4 bytes) is read on the fast road.
    std::string utf8 = plain;
    utf8.replace(utf8.find("pag-asa"), 7, "S\xC3\xBCrya \xE6\xA1\x88 \xF0\x9F\x8F\xA0");
    auto c = parse_case_fast(utf8);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->events[1].centre, "S\xC3\xBCrya \xE6\xA1\x88 \xF0\x9F\x8F\xA0");
    // Overlong, surrogate, out of range, truncated: refused by both roads.
    for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE6\xA1", "\xFF"}) {
        std::string t = plain;
        t.replace(t.find("pag-asa"), 7, bad);
        EXPECT_FALSE(parse_case_fast(t));
        EXPECT_THROW(parse_case(t), CaseError);
    }
}

TEST(ParseRoads, DuplicatedKeysUnknownFieldsAndTheEventLimit) {
    std::string plain(kPlain);
    std::string dup = plain;
    dup.replace(dup.find("\"id\": \"T-1\""), 11, "\"id\": \"T-1\", \"id\": \"T-2\"");
    EXPECT_FALSE(parse_case_fast(dup));
    EXPECT_THROW(parse_case(dup), CaseError);
    // A number of 30 digits (fuzzing found the overflow): left to the full road.
    std::string big = plain;
    big.replace(big.find("{\"type\": \"trafficking\"}"), 23, "555555555555555555555555555555");
    EXPECT_FALSE(parse_case_fast(big));
    EXPECT_THROW(parse_case(big), CaseError);
    // A huge array of values (no case has it) leaves the fast road before it grows.
    std::string zeros = "[0";
    for (int i = 0; i < 200000; ++i) zeros += ",0";
    zeros += "]";
    EXPECT_FALSE(parse_case_fast(zeros));
    EXPECT_THROW(parse_case(zeros), CaseError);
    std::string unknown = plain;
    unknown.replace(unknown.find("\"by\": \"police\""), 14, "\"by\": \"police\", \"note\": 1");
    EXPECT_FALSE(parse_case_fast(unknown));
    // 10 000 events is the limit: read on the fast road; one more is an error.
    auto events = [](int n) {
        std::string t = R"({"format":"sejour61.case/1","id":"L","person":{"birth_date":"1990-01-01","nationality":"NG"},)"
                        R"("offence":{"type":"trafficking"},"events":[{"date":"2026-01-05","type":"indications","by":"police"})";
        for (int i = 1; i < n; ++i) t += R"(,{"date":"2026-01-06","type":"identity_established"})";
        return t + "]}";
    };
    auto c = parse_case_fast(events(10000));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->events.size(), 10000u);
    EXPECT_FALSE(parse_case_fast(events(10001)));
    try {
        parse_case(events(10001));
        FAIL();
    } catch (const CaseError& e) {
        EXPECT_STREQ(e.what(), "events: has more than 10000 events (limit)");
    }
}

// Every single-byte change of a few valid cases, at every position: the
// roads agree (the fast one gives the same case, or leaves it to the other).
TEST(ParseRoads, MutationsNeverMakeTheRoadsDisagree) {
    auto texts = valid_texts();
    const char inserts[] = {'\\', '"', '{', '}', '[', ']', ',', ':', '0', '9', '-', 'e', '.', ' ', '\x01', '\x80',
                            '\xC3', 't', 'n'};
    size_t checked = 0;
    for (size_t k = 0; k < texts.size(); k += 17) {
        const std::string& t = texts[k];
        for (size_t at = 0; at < t.size(); ++at) {
            std::string deleted = t;
            deleted.erase(at, 1);
            expect_agreement(deleted);
            for (char c : inserts) {
                std::string changed = t;
                changed[at] = c;
                expect_agreement(changed);
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 50000u);
}

// Issue 12's additions (references, notes, recorded stamps) are read alike on
// both roads, every byte of them, and the comparison sees each of them.
TEST(ParseRoads, ReferencesNotesAndStampsReadTheSameOnBothRoads) {
    const std::string text = R"({"format": "sejour61.case/1", "id": "J-1",
  "references": {"prosecutor_notice": "BR.12.L1.004521/26", "oe_file": "9.876.543", "centre_file": "PAG-17"},
  "notes": "interpr\u00e8te : tigrinya, \"urgent\"",
  "person": {"birth_date": "1999-04-02", "nationality": "NG"},
  "offence": {"type": "trafficking"},
  "events": [{"date": "2026-01-05", "type": "indications", "by": "police",
              "recorded": {"at": "2026-01-05T16:20:03.512Z", "by": "j.peeters"}},
             {"date": "2026-01-06", "type": "centre_contact", "centre": "pag-asa",
              "recorded": {"at": "2026-01-06T09:00:00+01:00", "by": "Mme Dupont"}}]})";
    const Case slow = parse_case_full(text);
    ASSERT_TRUE(slow.references);
    EXPECT_EQ(slow.references->prosecutor_notice, "BR.12.L1.004521/26");
    EXPECT_EQ(*slow.notes, "interpr\xC3\xA8te : tigrinya, \"urgent\"");
    EXPECT_EQ(slow.events[1].recorded_by, "Mme Dupont");
    // The escapes leave this text to the full road; without them the fast road reads it.
    std::string plain = text;
    plain.replace(plain.find("interpr\\u00e8te"), 15, "interpr\xC3\xA8te");
    plain.replace(plain.find(", \\\"urgent\\\""), 12, "");
    auto fast = parse_case_fast(plain);
    ASSERT_TRUE(fast) << plain;
    EXPECT_EQ(*fast->notes, "interpr\xC3\xA8te : tigrinya");
    EXPECT_TRUE(*fast == parse_case_full(plain));
    const std::pair<const char*, const char*> changes[] = {
        {"PAG-17", "PAG-18"}, {"9.876.543", "9.876.544"}, {"j.peeters", "j.peeter"}, {"03.512Z", "03.513Z"}};
    for (const auto& [was, now] : changes) {
        std::string other = plain;
        other.replace(other.find(was), std::string(was).size(), now);
        auto c = parse_case_fast(other);
        ASSERT_TRUE(c) << now;
        EXPECT_FALSE(*c == *fast) << now;
    }
    size_t checked = 0;
    for (size_t at = 0; at < plain.size(); ++at) {
        std::string deleted = plain;
        deleted.erase(at, 1);
        expect_agreement(deleted);
        for (char c : {'"', '{', '}', ',', ':', 'Z', '+', '.', '9', ' '}) {
            std::string mutated = plain;
            mutated[at] = c;
            expect_agreement(mutated);
            ++checked;
        }
    }
    EXPECT_GT(checked, 5000u);
}
