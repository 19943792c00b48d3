// The replay under parameter variations that the bundled regimes do not use:
// each parameter of rules/*.json really drives the engine.
#include "sejour61/engine.hpp"
#include "sejour61/views.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace sejour61;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The bundled rules with some parameters of both regimes changed.
std::shared_ptr<const RuleBook> variant(const json& overrides) {
    static int n = 0;
    fs::path dir = fs::temp_directory_path() / ("s61-engine-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    fs::remove_all(dir);
    fs::copy(SEJOUR61_TEST_RULES_DIR, dir, fs::copy_options::recursive);
    for (const auto& e : fs::directory_iterator(SEJOUR61_TEST_RULES_DIR)) {
        if (!e.is_regular_file() || e.path().extension() != ".json" || e.path().filename() == "manifest.json") continue;
        std::ifstream in(e.path());
        json j = json::parse(in);
        if (j["format"] == "sejour61.rules/1")
            for (auto it = overrides.begin(); it != overrides.end(); ++it)
                if (j["parameters"].contains(it.key())) {  // an overlay (be-2017) inherits the rest
                    // A value, or {"value", "alternatives"}: the listed other
                    // readings may include the new value, so they are replaced.
                    const bool both = it.value().is_object();
                    j["parameters"][it.key()]["value"] = both ? it.value()["value"] : it.value();
                    if (j["parameters"][it.key()].contains("alternatives") || both)
                        j["parameters"][it.key()]["alternatives"] = both ? it.value()["alternatives"] : json::array();
                }
        std::ofstream(dir / e.path().filename()) << j.dump(2);
    }
    seal_rules_dir(dir.string());
    auto book = RuleBook::load(dir.string());
    fs::remove_all(dir);
    return book;
}

Case make_case(const char* person, const char* events) {
    return parse_case(std::string(R"({"format": "sejour61.case/1", "id": "E", "person": )") + person +
                      R"(, "offence": {"type": "trafficking"}, "events": )" + events + "}");
}

const char* kAdult = R"({"birth_date": "1990-06-15", "nationality": "NG"})";
const char* kBase = R"([
  {"date": "2026-01-05", "type": "indications", "by": "police"},
  {"date": "2026-01-06", "type": "centre_contact", "centre": "pag-asa"},
  {"date": "2026-02-01", "type": "cooperation", "form": "complaint"},
  {"date": "2026-03-10", "type": "identity_established"},
  {"date": "2026-04-02", "type": "prosecutor_opinion", "by": "prosecutor", "victim": true,
   "proceedings_ongoing": true, "cooperating": true}])";

Outcome run(const std::shared_ptr<const RuleBook>& book, const Case& c, const char* on,
            std::vector<std::string> reforms = {}) {
    Selection sel(book, std::nullopt, std::move(reforms));
    return replay(c, sel, *parse_date(on));
}

std::string S(const std::optional<Date>& d) { return d ? format_date(*d) : "null"; }

}  // namespace

TEST(EngineParams, MenaReflectionOfThreeMonthsRollsOver) {
    // mena.first_document = reflection_3m: the regime's reflection document for
    // 3 months (R-DATE-MONTHS) rolled over (R-DATE-ROLL). Contact 2026-01-04
    // + 3 months = 4 Apr 2026, a Saturday; Sunday 5 Apr is Easter, Monday 6 Apr
    // Easter Monday: the last day is Tuesday 7 Apr 2026.
    auto book = variant({{"mena.first_document", "reflection_3m"}});
    Case c = make_case(R"({"birth_date": "2010-01-01", "nationality": "AF", "unaccompanied": true})",
                       R"([{"date": "2026-01-04", "type": "indications", "by": "police"},
                           {"date": "2026-01-04", "type": "centre_contact", "centre": "esperanto"}])");
    Outcome o = run(book, c, "2026-01-04");
    ASSERT_EQ(o.state(), State::reflection);
    EXPECT_EQ(o.current()->document, "annex15");
    EXPECT_EQ(S(o.current()->doc_end), "2026-04-07");
    EXPECT_EQ(o.decisions.back().rule, "R-MENA-DIRECT");
    ASSERT_EQ(o.sensitivities.size(), 2u);
    EXPECT_EQ(o.sensitivities[0].convention, "no-rollover");
    EXPECT_EQ(format_date(o.sensitivities[0].date), "2026-04-04");
    EXPECT_EQ(run(book, c, "2026-04-08").closure_reason.value_or(""), "reflection_lapsed");
}

TEST(EngineParams, IssueDayCountsAsDayOne) {
    auto book = variant({{"dates.first_day", "issue_day"}});
    Outcome o = run(book, make_case(kAdult, kBase), "2026-01-06");
    EXPECT_EQ(S(o.current()->doc_end), "2026-02-19");  // 45 days from 6 Jan counting 6 Jan
    o = run(book, make_case(kAdult, kBase), "2026-03-01");
    EXPECT_EQ(S(o.current()->doc_end), "2026-04-30");  // 1 Feb to the eve of 1 May
}

TEST(EngineParams, NoRolloverConventionIsReportedBack) {
    // Without roll-over, a last day on Saturday 21 Feb 2026 stays; the alarm
    // (the roll-over listed as the alarm reading) names it as the alternative.
    auto book = variant({{"reflection.working_day_rollover",
                          {{"value", false},
                           {"alternatives", json::array({{{"value", true}, {"basis", "art. 53"}, {"alarm", "rollover"}}})}}}});
    Case c = make_case(kAdult, R"([{"date": "2026-01-07", "type": "indications", "by": "police"},
                                   {"date": "2026-01-07", "type": "centre_contact", "centre": "x"}])");
    Outcome o = run(book, c, "2026-01-07");
    EXPECT_EQ(S(o.current()->doc_end), "2026-02-21");
    ASSERT_EQ(o.sensitivities.size(), 2u);
    EXPECT_EQ(o.sensitivities[0].convention, "rollover");
    EXPECT_EQ(format_date(o.sensitivities[0].date), "2026-02-23");
}

TEST(EngineParams, SameDayClampedConventionAndItsAlarm) {
    // Cooperation 2023-11-29, ai to 29 Feb 2024; the A card from act 29 Feb
    // ends 29 Aug under same-day-clamped; the alarm gives 31 Aug (end-of-month).
    auto book = variant({{"dates.month_convention",
                          {{"value", "same-day-clamped"},
                           {"alternatives",
                            json::array({{{"value", "quantieme"}, {"basis", "art. 54"}, {"alarm", "end-of-month"}}})}}}});
    Case c = make_case(kAdult, R"([
      {"date": "2023-11-20", "type": "indications", "by": "police"},
      {"date": "2023-11-21", "type": "centre_contact", "centre": "x"},
      {"date": "2023-11-29", "type": "cooperation", "form": "complaint"},
      {"date": "2023-12-01", "type": "identity_established"},
      {"date": "2024-01-15", "type": "prosecutor_opinion", "by": "prosecutor", "victim": true,
       "proceedings_ongoing": true, "cooperating": true}])");
    Outcome o = run(book, c, "2024-03-01");
    EXPECT_EQ(S(o.current()->doc_end), "2024-08-29");
    ASSERT_EQ(o.sensitivities.size(), 1u);
    EXPECT_EQ(o.sensitivities[0].convention, "end-of-month");
    EXPECT_EQ(format_date(o.sensitivities[0].date), "2024-08-31");
}

TEST(EngineParams, RenewalCap) {
    // temporary.max_renewals = 1: A card 2 May -> 1 Nov 2026, one renewal to
    // 1 May 2027, then closed conditions_not_met on 2 May 2027.
    auto book = variant({{"temporary.max_renewals", 1}});
    Outcome o = run(book, make_case(kAdult, kBase), "2027-05-02");
    EXPECT_EQ(o.state(), State::closed);
    EXPECT_EQ(o.closure_reason.value_or(""), "conditions_not_met");
    EXPECT_EQ(format_date(o.periods[o.periods.size() - 2].from), "2026-11-02");
}

TEST(EngineParams, NoAssumedGrantWaitsForTheDecision) {
    auto book = variant({{"indefinite.assume_granted", false}});
    std::string events = std::string(kBase);
    events.pop_back();
    events += R"(, {"date": "2026-09-10", "type": "conviction"}])";
    Outcome o = run(book, make_case(kAdult, events.c_str()), "2026-09-20");
    EXPECT_EQ(o.state(), State::temporary);
    ASSERT_FALSE(o.deadlines.empty());
    bool has_request = false;
    for (const auto& d : o.deadlines) has_request |= d.id == "indefinite-request" && format_date(d.date) == "2026-09-10";
    EXPECT_TRUE(has_request);
}

TEST(EngineParams, FinalConvictionRequired) {
    auto book = variant({{"indefinite.requires_final_conviction", true}});
    std::string events = std::string(kBase);
    events.pop_back();
    events += R"(, {"date": "2026-09-10", "type": "conviction"}, {"date": "2026-12-10", "type": "conviction", "final": true}])";
    Case c = make_case(kAdult, events.c_str());
    EXPECT_EQ(run(book, c, "2026-09-20").state(), State::temporary);
    Outcome o = run(book, c, "2026-12-10");
    EXPECT_EQ(o.state(), State::indefinite);
    EXPECT_EQ(format_date(o.current()->from), "2026-12-10");
}

TEST(EngineParams, ReflectionLengthAndFeb28Majority) {
    auto book = variant({{"reflection.days", 90}, {"majority.feb29", "feb28"}});
    Case c = make_case(R"({"birth_date": "2008-02-29", "nationality": "GN"})",
                       R"([{"date": "2026-01-05", "type": "indications", "by": "police"},
                           {"date": "2026-01-06", "type": "centre_contact", "centre": "x"}])");
    Outcome o = run(book, c, "2026-01-06");
    EXPECT_EQ(S(o.current()->doc_end), "2026-04-07");  // 6 Jan + 90 days = 6 Apr (Easter Monday) -> 7 Apr
    EXPECT_EQ(format_date(o.majority), "2026-02-28");
    EXPECT_TRUE(o.minor);
    EXPECT_FALSE(run(book, c, "2026-02-28").minor);
}

TEST(EngineParams, ExplainRecordsParametersWithStatus) {
    auto book = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    Outcome o = run(book, make_case(kAdult, kBase), "2026-06-01");
    auto j = explain_json(o, *book);
    bool found = false;
    for (const auto& d : j["decisions"]) {
        if (d["rule"] != "R-61/4-A") continue;
        found = true;
        EXPECT_EQ(d["params"]["temporary.months"]["value"], 6);
        EXPECT_EQ(d["params"]["temporary.months"]["status"], "law");
        EXPECT_EQ(d["facts"]["decision_day"], "2026-05-01");
        EXPECT_EQ(d["facts"]["identity_established"], "holds");
        EXPECT_FALSE(d["basis"].get<std::string>().empty());
    }
    EXPECT_TRUE(found);
}

// rules/README.md interpretation 23: `prosecutor_consultation.answered_by_opinion`
// decides whether an opinion dated within the current document answers the
// consultation. The example (AI 1 Feb -> 1 May 2026, opinion 2 April) on
// 15 April: with the bundled true, no consultation deadline; with false, the
// deadline of 1 April (one month before 1 May, procedure.md §10) is listed.
TEST(Obligations, AnOpinionAnswersTheConsultationOnlyWhenTheParameterSaysSo) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const char* sub : {"", "reforms"})
        for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(SEJOUR61_TEST_RULES_DIR) / sub))
            if (e.path().extension() == ".json" && e.path().filename() != "manifest.json") {
                std::ifstream in(e.path());
                std::stringstream ss;
                ss << in.rdbuf();
                files.emplace_back((std::string(sub).empty() ? "" : std::string(sub) + "/") + e.path().filename().string(),
                                   ss.str());
            }
    const Case c = parse_case(R"({"format": "sejour61.case/1", "id": "O-1",
      "person": {"birth_date": "1999-04-02", "nationality": "NG"}, "offence": {"type": "trafficking"},
      "events": [{"date": "2026-01-05", "type": "indications", "by": "police"},
                 {"date": "2026-01-06", "type": "centre_contact", "centre": "pag-asa"},
                 {"date": "2026-02-01", "type": "cooperation", "form": "complaint"},
                 {"date": "2026-03-10", "type": "identity_established"},
                 {"date": "2026-04-02", "type": "prosecutor_opinion", "by": "prosecutor", "victim": true,
                  "proceedings_ongoing": true, "cooperating": true}]})");
    auto consultation = [&](bool answered_by_opinion) -> std::optional<std::string> {
        auto f = files;
        for (auto& [name, text] : f)
            if (name == "be-2007.json") {
                auto j = nlohmann::json::parse(text);
                j["parameters"]["prosecutor_consultation.answered_by_opinion"]["value"] = answered_by_opinion;
                j["parameters"]["prosecutor_consultation.answered_by_opinion"]["alternatives"] = json::array();
                text = j.dump();
            }
        Selection sel(RuleBook::from_texts(SEJOUR61_TEST_RULES_DIR, f), std::nullopt, {});
        const Outcome o = replay(c, sel, *parse_date("2026-04-15"));
        for (const auto& d : o.deadlines)
            if (d.id == "prosecutor-consultation") return format_date(d.date);
        return std::nullopt;
    };
    EXPECT_EQ(consultation(true), std::nullopt);
    EXPECT_EQ(consultation(false), std::optional<std::string>("2026-04-01"));
}
