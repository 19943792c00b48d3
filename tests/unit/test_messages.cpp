// Catalogues: every language has every message, with the same placeholders;
// the graph is the transition table, every row and nothing else.
#include "sejour61/graph.hpp"
#include "sejour61/machine.hpp"
#include "sejour61/messages.hpp"

#include <gtest/gtest.h>
#include <optional>
#include <stdexcept>

#include <fstream>
#include <regex>
#include <sstream>
#include <set>

using namespace sejour61;

namespace {
std::set<std::string> placeholders(const std::string& text) {
    std::set<std::string> out;
    std::regex re("\\{([a-z_]+)\\}");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
        out.insert((*it)[1]);
    return out;
}
}  // namespace

TEST(Messages, EveryIdInEveryLanguageWithTheSamePlaceholders) {
    auto en = Messages::load(SEJOUR61_TEST_RULES_DIR, "en");
    for (const char* lang : {"en", "fr", "nl"}) {
        SCOPED_TRACE(lang);
        auto m = Messages::load(SEJOUR61_TEST_RULES_DIR, lang);
        for (const auto& id : required_message_ids()) EXPECT_TRUE(m->has(id)) << "missing " << id;
        for (const auto& [id, text] : en->all()) {
            ASSERT_TRUE(m->has(id)) << "missing " << id;
            EXPECT_EQ(placeholders(m->get(id)), placeholders(text)) << id;
        }
        EXPECT_EQ(m->all().size(), en->all().size());
    }
}

TEST(Messages, LegalTermsAsTheTextsUseThem) {
    auto fr = Messages::load(SEJOUR61_TEST_RULES_DIR, "fr");
    auto nl = Messages::load(SEJOUR61_TEST_RULES_DIR, "nl");
    EXPECT_NE(fr->get("doc.oqt45").find("ordre de quitter le territoire"), std::string::npos);
    EXPECT_NE(nl->get("doc.oqt45").find("bevel om het grondgebied te verlaten"), std::string::npos);
    EXPECT_NE(fr->get("doc.ai").find("attestation d'immatriculation"), std::string::npos);
    EXPECT_NE(nl->get("doc.ai").find("attest van immatriculatie"), std::string::npos);
    EXPECT_NE(fr->get("step.inform-guardianship-service.action").find("Service des Tutelles"), std::string::npos);
    EXPECT_NE(nl->get("actor.oe").find("Dienst Vreemdelingenzaken"), std::string::npos);
    EXPECT_EQ(fr->get("label.until", {{"date", "2026-05-01"}}), "jusqu'au 2026-05-01");
}

TEST(Messages, LanguageFromTheEnvironment) {
    EXPECT_EQ(choose_language("nl"), "nl");
    setenv("LC_ALL", "fr_BE.UTF-8", 1);
    EXPECT_EQ(choose_language(""), "fr");
    setenv("LC_ALL", "nl_BE.UTF-8", 1);
    EXPECT_EQ(choose_language(""), "nl");
    setenv("LC_ALL", "C", 1);
    EXPECT_EQ(choose_language(""), "en");
    unsetenv("LC_ALL");
}

TEST(Graph, EveryRowOfTheTransitionTableAndNothingElse) {
    std::string dot = graph_dot();
    size_t edges = 0;
    for (size_t p = 0; (p = dot.find(" -> ", p)) != std::string::npos; ++p) ++edges;
    EXPECT_EQ(edges, transition_table().size());
    for (const auto& r : transition_table()) {
        std::string edge = std::string(state_name(r.source)) + " -> " + state_name(r.target) + " [label=\"" +
                           trigger_name(r.event) + (*r.guard ? std::string(" [") + r.guard + "]" : std::string()) +
                           "\\n" + r.rule + "\"]";
        EXPECT_NE(dot.find(edge), std::string::npos) << edge;
    }
    std::string mermaid = graph_mermaid();
    size_t arrows = 0;
    for (size_t p = 0; (p = mermaid.find(" --> ", p)) != std::string::npos; ++p) ++arrows;
    EXPECT_EQ(arrows, transition_table().size() + 2);  // + the two final states
    EXPECT_NE(mermaid.find("[*] --> detected : indications [eligible] / R-61/2-DETECT"), std::string::npos);
}

TEST(Graph, TheReadmeShowsTheGeneratedGraph) {
    std::ifstream in(std::string(SEJOUR61_TEST_CASES_DIR) + "/../../README.md");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string readme = ss.str();
    auto start = readme.find("```mermaid\n");
    ASSERT_NE(start, std::string::npos);
    start += 11;
    auto end = readme.find("```", start);
    EXPECT_EQ(readme.substr(start, end - start), graph_mermaid());
}

// Issue 10: a Text keeps its arguments inside itself; long ones go to the heap
// and still render whole; "@id" arguments are rendered from the catalogue.
TEST(Text, ArgumentsInlineAndOnTheHeapRenderTheSame) {
    auto m = Messages::from_text("test.json", "en",
                                 R"({"format": "sejour61.messages/1", "lang": "en", "messages": {
                                      "t.one": "{a} / {b} / {c}", "cond.x": "the first", "cond.y": "the second"}})");
    const std::string long_value(300, 'z');
    Text t("t.one", {{"a", "2026-01-05"}, {"b", long_value}, {"c", "@cond.x,@cond.y"}});
    ASSERT_EQ(t.arg_count(), 3u);
    EXPECT_STREQ(t.arg_name(1), "b");
    EXPECT_EQ(t.arg_value(0), "2026-01-05");
    EXPECT_EQ(t.arg_value(1), long_value);
    EXPECT_EQ(m->render(t), "2026-01-05 / " + long_value + " / the first, the second");
    Text copy = t;  // offsets, not pointers: a copy renders the same
    EXPECT_EQ(m->render(copy), m->render(t));
    // The last argument of a name counts; an unknown id renders as <id>.
    t.add("a", "later");
    EXPECT_EQ(m->render(t).substr(0, 8), "later / ");
    EXPECT_EQ(m->render(Text("t.none")), "<t.none>");
    Text full("t.one");
    for (size_t i = 0; i < Text::max_args; ++i) full.add("a", "x");
    EXPECT_THROW(full.add("a", "x"), std::logic_error);
}

TEST(Id, LiteralsAndInternedStringsCompareByContent) {
    Id a = "R-61/3-EXHAUSTED";
    Id b = Id::intern(std::string("R-61/3-") + "EXHAUSTED");
    EXPECT_EQ(a, b);
    EXPECT_EQ(b.c_str(), Id::intern("R-61/3-EXHAUSTED").c_str());  // interned once
    EXPECT_TRUE(a == std::string("R-61/3-EXHAUSTED"));
    EXPECT_TRUE(a != "R-61/3-AI");
    EXPECT_EQ(std::string(a) + "!", "R-61/3-EXHAUSTED!");
    EXPECT_TRUE(Id().empty());
    std::optional<Id> reason;
    EXPECT_EQ(reason.value_or(Id()), "");
    reason = Id("withdrawn");
    EXPECT_TRUE(reason == "withdrawn");
}
