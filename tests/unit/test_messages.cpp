// Catalogues: every language has every message, with the same placeholders;
// the graph is the transition table, every row and nothing else.
#include "sejour61/graph.hpp"
#include "sejour61/machine.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/rules.hpp"
#include "sejour61/views.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
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
    // An inclusive end says so (issue 12: « jusqu'au » alone was used for the 18th birthday too).
    EXPECT_EQ(fr->get("label.until", {{"date", "2026-05-01"}}), "jusqu'au 1er mai 2026 inclus");
    EXPECT_EQ(nl->get("label.until", {{"date", "2026-05-01"}}), "tot en met 1 mei 2026");
    EXPECT_EQ(fr->get("label.minor_until", {{"date", "2027-08-14"}}), "Mineur ; majeur le 14 août 2027");
    EXPECT_EQ(fr->get("who.inspection.must"), "Les services d'inspection doivent");
    EXPECT_EQ(nl->get("who.inspection.must"), "De inspectiediensten moeten");
    EXPECT_EQ(fr->get("next.no_date"), "pas de date fixe");
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

// Issue 12: every legal basis a person can read — of a rule, of a parameter of
// a regime or a reform or of its alternative readings, of a reform — has its French and Dutch text in the
// catalogue's "bases" table.
TEST(Messages, EveryBasisInFrenchAndDutch) {
    auto book = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    std::set<std::string> bases;
    for (const auto& [id, info] : book->rule_index()) bases.insert(info.basis);
    for (const auto& r : book->regimes()) {
        bases.insert(r.title);  // `sejour61 rules` shows titles and instruments too
        bases.insert(r.instrument);
        for (const auto& [k, p] : r.params) {
            bases.insert(p.basis);
            for (const auto& a : p.alternatives) bases.insert(a.basis);  // `rules` and `contest` show them
        }
    }
    for (const auto& r : book->reforms()) {
        bases.insert(r.title);
        bases.insert(r.basis);
        for (const auto& [k, p] : r.params) bases.insert(p.basis);
    }
    for (const auto& mb : book->memberships()) bases.insert(mb.basis);
    bases.insert(kSetByUser);  // a parameter given by --set or +set: (procedure.md §8)
    // What the rule files say of themselves: a regime's note, the EU/EEA table's title and basis.
    for (const char* file : {"be-2007.json", "be-2017.json", "eu-eea.json"}) {
        std::ifstream in(std::string(SEJOUR61_TEST_RULES_DIR) + "/" + file);
        const auto j = nlohmann::json::parse(in);
        for (const char* field : {"title", "instrument", "note", "basis"})
            if (j.contains(field)) bases.insert(j[field].get<std::string>());
    }
    for (const char* lang : {"fr", "nl"}) {
        auto m = Messages::load(SEJOUR61_TEST_RULES_DIR, lang);
        for (const auto& b : bases) EXPECT_TRUE(m->bases().count(b)) << lang << ": no text for the basis \"" << b << "\"";
        // Nothing in the table that no basis uses (a basis changed in English and its translation forgotten).
        for (const auto& [english, text] : m->bases()) {
            bool deadline = english.rfind("art. ", 0) == 0 && english.size() < 40;  // the deadlines' short bases
            EXPECT_TRUE(bases.count(english) || deadline) << lang << ": a text for a basis nobody uses: " << english;
        }
    }
    auto fr = Messages::load(SEJOUR61_TEST_RULES_DIR, "fr");
    EXPECT_EQ(fr->basis("art. 61/2 §2; Judicial Code art. 53"), "art. 61/2, § 2 ; Code judiciaire, art. 53");
    EXPECT_EQ(fr->basis("not a basis"), "not a basis");  // unknown: as given
}

// Headers name a reform in the reader's language ("reform.<id>"); ids stay in JSON.
TEST(Messages, EveryReformNamedInEveryLanguage) {
    auto book = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    ASSERT_FALSE(book->reforms().empty());
    for (const char* lang : {"en", "fr", "nl"}) {
        auto m = Messages::load(SEJOUR61_TEST_RULES_DIR, lang);
        for (const auto& r : book->reforms()) EXPECT_TRUE(m->has("reform." + r.id)) << lang << ": no name for " << r.id;
    }
    auto fr = Messages::load(SEJOUR61_TEST_RULES_DIR, "fr");
    EXPECT_EQ(regime_label("be-2017", {"residence-without-cooperation", "set:reflection.days=60"}, *fr),
              "be-2017 + réforme « séjour sans coopération » + reflection.days=60 [fixé par l'utilisateur]");
    EXPECT_EQ(regime_label("be-2007", {"proposal-99"}, *fr), "be-2007 + proposal-99");  // no name: the id
    auto nl = Messages::load(SEJOUR61_TEST_RULES_DIR, "nl");
    EXPECT_EQ(regime_label("be-2017", {"mena-unconditional@2027-01-01"}, *nl),
              "be-2017 + hervorming ‘onvoorwaardelijke vergunning voor NBMV’ [verondersteld van kracht vanaf 1 januari 2027]");
    // A dated reform followed by a setting: each part in its brackets, no comma to misread.
    EXPECT_EQ(regime_label("be-2017", {"mena-unconditional@2026-03-01", "set:reflection.days=60"}, *fr),
              "be-2017 + réforme « titre inconditionnel pour les MENA » [supposée en vigueur dès le 1er mars 2026] + "
              "reflection.days=60 [fixé par l'utilisateur]");
}

TEST(Messages, DatesWrittenOutInTheReadersLanguage) {
    auto fr = Messages::load(SEJOUR61_TEST_RULES_DIR, "fr");
    auto nl = Messages::load(SEJOUR61_TEST_RULES_DIR, "nl");
    auto en = Messages::load(SEJOUR61_TEST_RULES_DIR, "en");
    EXPECT_EQ(fr->date(Date(2027, 2, 3)), "3 février 2027");
    EXPECT_EQ(fr->date(Date(2026, 5, 1)), "1er mai 2026");
    EXPECT_EQ(nl->date(Date(2027, 2, 3)), "3 februari 2027");
    EXPECT_EQ(nl->date(Date(2026, 5, 1)), "1 mei 2026");
    EXPECT_EQ(en->date(Date(2026, 12, 31)), "31 December 2026");
    // In a message an ISO date argument is written out, and an internal value named.
    EXPECT_EQ(fr->get("label.valid_until", {{"date", "2026-11-01"}}), "valable jusqu'au 1er novembre 2026 inclus");
    EXPECT_EQ(nl->get("label.valid", {{"from", "2026-05-02"}, {"until", "2026-11-01"}}),
              "geldig van 2 mei 2026 tot en met 1 november 2026");
    EXPECT_EQ(fr->render(Text("warn.labour_ignored", {{"event", "labour_proceedings"}})).find("labour_proceedings"),
              std::string::npos);
}

// `sejour61 rules` in the reader's language: headings, dates, grades, titles
// and bases; ids, keys and values as they are; dates written out and grades
// named as explain names them, in English too.
TEST(Messages, RulesInTheReadersLanguage) {
    auto book = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    const std::string en = rules_text(*book, *Messages::load(SEJOUR61_TEST_RULES_DIR, "en"));
    const std::string fr = rules_text(*book, *Messages::load(SEJOUR61_TEST_RULES_DIR, "fr"));
    const std::string nl = rules_text(*book, *Messages::load(SEJOUR61_TEST_RULES_DIR, "nl"));
    for (const char* line : {"\nRegimes:\n  be-2007  in force from 1 June 2007 to 19 May 2017 inclusive\n", "\n  be-2017  in force since 20 May 2017\n",
                             "\n    extends be-2007: every parameter below not changed here is be-2007's\n",
                             "\n      reflection.days = 45  [law; art. 61/2 §2, law of 15 December 1980 (45 days); ", "\nReforms:\n"})
        EXPECT_NE(en.find(line), std::string::npos) << line;
    for (const char* line :
         {"\nRégimes :\n  be-2007  en vigueur du 1er juin 2007 au 19 mai 2017 inclus\n"
          "    Art. 61/2 à 61/5 tels qu'insérés en 2006 (délai de réflexion : ordre de quitter le territoire, 45 jours)\n",
          "\n  be-2017  en vigueur depuis le 20 mai 2017\n",
          "\n    étend be-2007 : tout paramètre ci-dessous que ce régime ne modifie pas est celui de be-2007\n",
          "\n      reflection.days = 45  [loi ; art. 61/2, § 2, de la loi du 15 décembre 1980 (45 jours) ; au moins 30 jours",
          "\nRéformes :\n"})
        EXPECT_NE(fr.find(line), std::string::npos) << line;
    for (const char* line :
         {"\nRegimes:\n  be-2007  in werking van 1 juni 2007 tot en met 19 mei 2017\n",
          "\n  be-2017  in werking sinds 20 mei 2017\n",
          "\n      reflection.days = 45  [wet; art. 61/2, § 2, van de wet van 15 december 1980 (45 dagen); minstens 30 dagen",
          "\nHervormingen:\n"})
        EXPECT_NE(nl.find(line), std::string::npos) << line;
}
