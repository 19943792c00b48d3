// compare: the same facts under several rule sets; figures worked out by hand.
#include "sejour61/compare.hpp"
#include "sejour61/views.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace sejour61;

namespace {
Case load(const std::string& name) {
    std::ifstream in(std::string(SEJOUR61_TEST_CASES_DIR) + "/../../examples/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_case(ss.str());
}
std::shared_ptr<const RuleBook> book() { return RuleBook::load(SEJOUR61_TEST_RULES_DIR); }
}  // namespace

TEST(RuleSetSpec, Parsing) {
    RuleSetSpec s = parse_rule_set_spec("be-2007+mena-unconditional+diplomatic-labour-track@2010-01-01");
    EXPECT_EQ(*s.pinned, "be-2007");
    ASSERT_EQ(s.reforms.size(), 2u);
    EXPECT_EQ(s.reforms[1], "diplomatic-labour-track@2010-01-01");
    EXPECT_FALSE(parse_rule_set_spec("in-force").pinned.has_value());
    EXPECT_THROW(parse_rule_set_spec("be-2017+"), UnknownRuleSet);
    EXPECT_THROW(compare_json(load("mena-never-cooperates.json"), book(), {parse_rule_set_spec("in-force+nope")},
                              *parse_date("2026-12-31")),
                 UnknownRuleSet);
}

TEST(RuleSetSpec, ASettingReplacesTheSameKeyInTheLabel) {
    // --set applies to every column after the spec's parts; the last value wins.
    EXPECT_EQ(with_setting("in-force+set:reflection.days=60", "set:reflection.days=30"), "in-force+set:reflection.days=30");
    EXPECT_EQ(with_setting("in-force+set:reflection.days=60+mena-unconditional", "set:reflection.days=30"),
              "in-force+mena-unconditional+set:reflection.days=30");
    EXPECT_EQ(with_setting("be-2017+set:reflection.days_x=1", "set:reflection.days=30"),
              "be-2017+set:reflection.days_x=1+set:reflection.days=30");
    EXPECT_EQ(with_setting("in-force", "set:temporary.months=12"), "in-force+set:temporary.months=12");
}

TEST(TextColumns, EachColumnAsWideAsItsLongestCellPlusTwoAtLeastItsMinimum) {
    // "é" is one character, two bytes; the last column is not padded; no trailing spaces.
    EXPECT_EQ(text_columns({{"a", "bb", "x"}, {"été", "c", ""}}, {0, 6}, "  "), "  a    bb    x\n  été  c\n");
    EXPECT_EQ(text_columns({{"", "in-force"}}, {}, ""), "  in-force\n");
}

TEST(Compare, MenaWhoNeverCooperatesUnderTheLawAndTheReform) {
    // Law: documents 6 Jan -> 6 Jul 2026 = 26+28+31+30+31+30+6 = 182 days, then closed.
    // Reform: documents 6 Jan -> 31 Dec 2026 = 360 days. Both: 1 day detected (5 Jan).
    // They diverge on 7 Apr 2026: extension of the ai (R-61/3-EXTEND) v. A card (R-61/4-A).
    auto doc = compare_json(load("mena-never-cooperates.json"), book(),
                            {parse_rule_set_spec("in-force"), parse_rule_set_spec("in-force+mena-unconditional")},
                            *parse_date("2026-12-31"));
    EXPECT_EQ(doc["format"], "sejour61.compare/1");
    const auto& law = doc["rule_sets"][0];
    const auto& reform = doc["rule_sets"][1];
    EXPECT_EQ(law["state"], "closed");
    EXPECT_EQ(law["closure_reason"], "conditions_not_met");
    EXPECT_EQ(law["days_with_document"], 182);
    EXPECT_EQ(law["days_without_document"], 1);
    EXPECT_TRUE(law["a_card_from"].is_null());
    EXPECT_EQ(reform["state"], "temporary");
    EXPECT_EQ(reform["days_with_document"], 360);
    EXPECT_EQ(reform["a_card_from"], "2026-04-07");
    EXPECT_EQ(reform["document_until"], "2027-04-06");
    EXPECT_EQ(doc["divergence"]["date"], "2026-04-07");
    EXPECT_EQ(doc["divergence"]["rule_sets"][0]["rule"], "R-61/3-EXTEND");
    EXPECT_EQ(doc["divergence"]["rule_sets"][1]["rule"], "R-61/4-A");
}

TEST(Compare, DiplomatDomesticWorker) {
    // Law: documents 6 Jan -> 1 Nov 2026 = 300 days, closed 2 Nov 2026.
    // Reform: renewed from 2 Nov 2026, unlimited stay from 15 Feb 2027; diverges 2 Nov 2026.
    auto doc = compare_json(load("diplomat-domestic-worker.json"), book(),
                            {parse_rule_set_spec("be-2017"), parse_rule_set_spec("be-2017+diplomatic-labour-track")},
                            *parse_date("2027-03-01"));
    EXPECT_EQ(doc["rule_sets"][0]["days_with_document"], 300);
    EXPECT_EQ(doc["rule_sets"][1]["indefinite_from"], "2027-02-15");
    // 6 Jan 2026 -> 1 Mar 2027: 360 days of 2026 + 31 + 28 + 1 = 420.
    EXPECT_EQ(doc["rule_sets"][1]["days_with_document"], 420);
    EXPECT_EQ(doc["divergence"]["date"], "2026-11-02");
    EXPECT_EQ(doc["divergence"]["rule_sets"][0]["state"], "closed");
    EXPECT_EQ(doc["divergence"]["rule_sets"][1]["rule"], "R-61/4-RENEW");
}

TEST(Compare, IdenticalRuleSetsDoNotDiverge) {
    auto doc = compare_json(load("bxl-2026-0042.json"), book(),
                            {parse_rule_set_spec("in-force"), parse_rule_set_spec("be-2017")}, *parse_date("2026-12-31"));
    EXPECT_TRUE(doc["divergence"].is_null());
    // The old law differs only by the reflection document: oqt45 v. annex15 on 6 Jan 2026.
    doc = compare_json(load("bxl-2026-0042.json"), book(), {parse_rule_set_spec("be-2017"), parse_rule_set_spec("be-2007")},
                       *parse_date("2026-12-31"));
    EXPECT_EQ(doc["divergence"]["date"], "2026-01-06");
    EXPECT_EQ(doc["divergence"]["rule_sets"][1]["document"], "oqt45");
}
