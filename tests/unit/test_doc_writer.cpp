// The direct writer gives, byte for byte, what nlohmann's dump(2) gives for
// the same document: on every scenario, date and language, and on strings
// with every kind of character.
#include "../../src/doc_writer.hpp"

#include "sejour61/engine.hpp"
#include "sejour61/next.hpp"
#include "sejour61/views.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace sejour61;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<const RuleBook> book() {
    static auto b = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    return b;
}

template <class W>
void sample(W& w, const std::vector<std::string>& texts) {
    w.begin_object();
    w.field("empty_object", nullptr).key("nested").begin_object();
    w.key("empty").begin_object();
    w.end_object();
    w.key("none").begin_array();
    w.end_array();
    w.end_object();
    w.key("texts").begin_array();
    for (const auto& t : texts) w.string(t);
    w.end_array();
    w.field("n", -42LL).field("big", 9007199254740993LL).field("yes", true).field("no", false);
    w.field("date", Date(2026, 2, 28)).field("no_date", std::optional<Date>());
    w.key("rows").begin_array();
    w.begin_object();
    w.field("a", 1).key("b").begin_array();
    w.integer(0).null().boolean(true);
    w.end_array();
    w.end_object();
    w.end_array();
    w.end_object();
}

}  // namespace

TEST(DocWriter, TextIsNlohmannsDumpOfTheSameDocument) {
    std::vector<std::string> texts = {"", "plain", "quote \" backslash \\ slash /", "\b\f\n\r\t", "\x01\x1f\x7f",
                                      "S\xC3\xBCrya \xE6\xA1\x88 \xF0\x9F\x8F\xA0", "bad \xC3( \xFF \xED\xA0\x80 end"};
    DomWriter d;
    sample(d, texts);
    TextWriter t;
    sample(t, texts);
    EXPECT_EQ(t.take(), dump_doc(d.take()));
    TextWriter scalar;
    scalar.string("alone");
    EXPECT_EQ(scalar.take(), "\"alone\"");
}

TEST(DocWriter, StatusTimelineAndNextOfEveryScenario) {
    size_t compared = 0;
    for (const auto& e : fs::directory_iterator(SEJOUR61_TEST_CASES_DIR)) {
        std::ifstream in(e.path());
        auto sc = nlohmann::json::parse(in);
        if (!sc.contains("case")) continue;
        Case c = parse_case(sc["case"].dump());
        for (const auto& check : sc["expect"]) {
            std::optional<std::string> pinned;
            if (sc.contains("rules")) pinned = sc["rules"].get<std::string>();
            if (check.contains("rules")) pinned = check["rules"].get<std::string>();
            std::vector<std::string> reforms = check.value("reforms", sc.value("reforms", std::vector<std::string>{}));
            Selection sel(book(), pinned, reforms);
            Date on = *parse_date(check["on"].get<std::string>());
            Outcome o;
            try {
                o = replay(c, sel, on);
            } catch (const QueryError&) {
                continue;  // a date the case refuses (the scenario checks the error)
            }
            for (const char* lang : {"en", "fr", "nl"}) {
                EXPECT_EQ(status_document(o, *book(), lang), dump_doc(status_json(o, *book(), lang))) << e.path();
                std::vector<Step> steps = next_steps(c, o, sel);
                const Messages& m = book()->messages(lang);
                EXPECT_EQ(next_document(o, steps, *book(), m), dump_doc(next_json(o, steps, *book(), m))) << e.path();
            }
            EXPECT_EQ(timeline_document(o, *book()), dump_doc(timeline_json(o, *book()))) << e.path();
            ++compared;
        }
    }
    EXPECT_GT(compared, 100u);  // 118 on 2026-12-01
}
