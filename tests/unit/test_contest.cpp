// Issue 11, `sejour61 contest` (procedure.md §8 "Contestable readings"):
// the case below is built so that exactly three readings change a date.
// Worked by hand (be-2017; R-DATE-DAYS, R-DATE-MONTHS, R-DATE-ROLL, R-DATE-CHAIN):
//  - centre contact Wed 18 March 2026: 45 days → last day Sat 2 May 2026,
//    rolled to Mon 4 May (Sun 3 May). Without roll-over: 2 May. First
//    divergence: 18 March, the reflection period's first day.
//  - cooperation Thu 30 April 2026 (last day of April): the ai ends on the
//    last day of July, 31 July (quantième, end-of-month rule); same-day-clamped:
//    30 July. First divergence: 30 April.
//  - A card from 1 August 2026 (the day after the ai), 6 months to 31 Jan 2027.
//  - final conviction 15 October 2026: unlimited stay from that day, assumed
//    granted; without the assumption the A card stays current. First
//    divergence: 15 October.
// Every other alternative (minors, smuggling, 29 February, extension count,
// consultation, closure texts, annex 15 window) changes nothing here.
#include "sejour61/compare.hpp"
#include "sejour61/contest.hpp"

#include <gtest/gtest.h>

using namespace sejour61;

namespace {

const char* kCase = R"({"format": "sejour61.case/1", "id": "T-CONTEST",
  "person": {"birth_date": "1990-06-15", "nationality": "NG"}, "offence": {"type": "trafficking"},
  "events": [
    {"date": "2026-03-17", "type": "indications", "by": "police"},
    {"date": "2026-03-18", "type": "centre_contact", "centre": "pag-asa"},
    {"date": "2026-04-30", "type": "cooperation", "form": "complaint"},
    {"date": "2026-05-15", "type": "identity_established"},
    {"date": "2026-06-10", "type": "prosecutor_opinion", "by": "prosecutor", "victim": true,
     "proceedings_ongoing": true, "cooperating": true},
    {"date": "2026-10-15", "type": "conviction", "final": true}]})";

std::shared_ptr<const RuleBook> book() {
    static auto b = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    return b;
}

const nlohmann::ordered_json& reading(const nlohmann::ordered_json& doc, const std::string& key) {
    for (const auto& r : doc["readings"])
        if (r["parameter"] == key) return r;
    throw std::runtime_error("no reading " + key);
}

}  // namespace

TEST(Contest, ListsExactlyTheReadingsThatChangeTheCaseWithTheirDates) {
    const auto doc = contest_json(parse_case(kCase), book(), std::nullopt, {}, *parse_date("2026-12-31"));
    EXPECT_EQ(doc["format"], "sejour61.contest/1");
    EXPECT_EQ(doc["regime"], "be-2017");
    ASSERT_EQ(doc["readings"].size(), 3u) << doc.dump(2);
    // In parameter-key order.
    EXPECT_EQ(doc["readings"][0]["parameter"], "dates.month_convention");
    EXPECT_EQ(doc["readings"][1]["parameter"], "indefinite.assume_granted");
    EXPECT_EQ(doc["readings"][2]["parameter"], "reflection.working_day_rollover");

    const auto& month = reading(doc, "dates.month_convention");
    EXPECT_EQ(month["current"]["value"], "quantieme");
    EXPECT_EQ(month["current"]["status"], "interpretation");
    EXPECT_EQ(month["alternative"]["value"], "same-day-clamped");
    EXPECT_FALSE(month["alternative"]["basis"].get<std::string>().empty());
    EXPECT_EQ(month["first_divergence"], "2026-04-30");
    EXPECT_EQ(month["at_divergence"]["current"]["until"], "2026-07-31");
    EXPECT_EQ(month["at_divergence"]["alternative"]["until"], "2026-07-30");
    EXPECT_EQ(month["state"], "indefinite");  // the conviction still opens unlimited stay

    const auto& grant = reading(doc, "indefinite.assume_granted");
    EXPECT_EQ(grant["current"]["value"], true);
    EXPECT_EQ(grant["alternative"]["value"], false);
    EXPECT_EQ(grant["first_divergence"], "2026-10-15");
    EXPECT_EQ(grant["state"], "temporary");
    EXPECT_EQ(grant["document"]["id"], "a_card");
    EXPECT_EQ(grant["document"]["from"], "2026-08-01");
    EXPECT_EQ(grant["document"]["until"], "2027-01-31");
    EXPECT_TRUE(grant["closure_reason"].is_null());

    const auto& roll = reading(doc, "reflection.working_day_rollover");
    EXPECT_EQ(roll["first_divergence"], "2026-03-18");
    EXPECT_EQ(roll["at_divergence"]["current"]["until"], "2026-05-04");
    EXPECT_EQ(roll["at_divergence"]["alternative"]["until"], "2026-05-02");
    EXPECT_EQ(roll["periods"][1]["state"], "reflection");
    EXPECT_EQ(roll["periods"][1]["until"], "2026-04-29");  // ends the day before the cooperation, as before
}

TEST(Contest, OnlyWhatHappenedUpToTheQueryDateCounts) {
    // On 1 April 2026 only the reflection exists: the roll-over alone changes it.
    const auto doc = contest_json(parse_case(kCase), book(), std::nullopt, {}, *parse_date("2026-04-01"));
    ASSERT_EQ(doc["readings"].size(), 1u) << doc.dump(2);
    EXPECT_EQ(doc["readings"][0]["parameter"], "reflection.working_day_rollover");
    EXPECT_EQ(doc["readings"][0]["document"]["until"], "2026-05-02");
}

TEST(Contest, ACaseWithNoContestableDateSaysSo) {
    // Centre contact Mon 5 January 2026: 45 days end on Thu 19 February (a
    // working day); no cooperation yet on 1 February.
    const char* plain = R"({"format": "sejour61.case/1", "id": "T-PLAIN",
      "person": {"birth_date": "1990-06-15", "nationality": "NG"}, "offence": {"type": "trafficking"},
      "events": [{"date": "2026-01-05", "type": "indications", "by": "police"},
                 {"date": "2026-01-05", "type": "centre_contact", "centre": "pag-asa"}]})";
    const auto doc = contest_json(parse_case(plain), book(), std::nullopt, {}, *parse_date("2026-02-01"));
    EXPECT_TRUE(doc["readings"].empty()) << doc.dump(2);
    EXPECT_EQ(doc["outcome"]["until"], "2026-02-19");
    EXPECT_GT(doc["replayed"]["readings"].get<int>(), 10);
    const std::string text = contest_text(doc, book()->messages("en"));
    EXPECT_NE(text.find("No date of this case depends on a contestable reading"), std::string::npos) << text;
    const std::string fr = contest_text(doc, book()->messages("fr"));
    EXPECT_NE(fr.find("Aucune date de ce dossier ne dépend d'une lecture contestable"), std::string::npos) << fr;
}

TEST(Contest, TheAnnex15WindowIsAContestableReading) {
    // procedure.md §8: a reflection that starts from 4 to 19 May 2017 gets
    // an oqt45 (law then in force) or an annex15 (royal decree applied).
    // Fri 5 May 2017 + 45 days = Mon 19 June 2017: no roll-over to contest.
    const char* window = R"({"format": "sejour61.case/1", "id": "T-A15",
      "person": {"birth_date": "1990-06-15", "nationality": "NG"}, "offence": {"type": "trafficking"},
      "events": [{"date": "2017-05-05", "type": "indications", "by": "police"},
                 {"date": "2017-05-05", "type": "centre_contact", "centre": "payoke"}]})";
    const auto doc = contest_json(parse_case(window), book(), std::nullopt, {}, *parse_date("2017-05-10"));
    ASSERT_EQ(doc["readings"].size(), 1u) << doc.dump(2);
    const auto& r = doc["readings"][0];
    EXPECT_EQ(r["parameter"], "reflection.annex15_window_document");
    EXPECT_EQ(r["current"]["value"], "oqt45");
    EXPECT_EQ(r["alternative"]["value"], "annex15");
    EXPECT_EQ(r["first_divergence"], "2017-05-05");
    EXPECT_EQ(r["document"]["id"], "annex15");
}

TEST(Contest, TheAmbiguityAlarmIsTheAlarmReadingsReplayed) {
    // procedure.md §9 as an instance of §8: the status's sensitivities are the
    // readings marked "alarm" in the rule files, replayed as contest does.
    auto b = book();
    const Case c = parse_case(kCase);
    Selection sel(b, std::nullopt, {});
    ASSERT_EQ(sel.alarms().size(), 2u);
    EXPECT_EQ(sel.alarms()[0].name, "same-day-clamped");
    EXPECT_EQ(sel.alarms()[1].name, "no-rollover");
    // 10 May 2026, in the ai (to 31 July): clamped, it would end on 30 July.
    Outcome o = replay(c, sel, *parse_date("2026-05-10"));
    ASSERT_EQ(o.sensitivities.size(), 1u);
    EXPECT_EQ(o.sensitivities[0].field, "document.until");
    EXPECT_EQ(o.sensitivities[0].convention, "same-day-clamped");
    EXPECT_EQ(format_date(o.sensitivities[0].date), "2026-07-30");
    auto doc = contest_json(c, b, std::nullopt, {}, *parse_date("2026-05-10"));
    EXPECT_EQ(reading(doc, "dates.month_convention")["document"]["until"], "2026-07-30");
    // 1 April 2026, in the reflection (to Mon 4 May): without roll-over, Sat 2 May,
    // for the document and for the last day to cooperate.
    o = replay(c, sel, *parse_date("2026-04-01"));
    ASSERT_EQ(o.sensitivities.size(), 2u);
    EXPECT_EQ(o.sensitivities[0].convention, "no-rollover");
    EXPECT_EQ(o.sensitivities[1].field, "deadlines.reflection-last-day");
    EXPECT_EQ(format_date(o.sensitivities[1].date), "2026-05-02");
    // 1 December 2026, unlimited stay (no end): nothing to alarm about.
    EXPECT_TRUE(replay(c, sel, *parse_date("2026-12-01")).sensitivities.empty());
}

// procedure.md §8 "Parametric reforms": --set KEY=VALUE and +set:KEY=VALUE.
TEST(Settings, ASetParameterIsTypedHypotheticalAndWinsOverReforms) {
    auto b = book();
    // Reflection of 60 days from the centre contact of Wed 18 March 2026:
    // last day Sun 17 May 2026, rolled to Mon 18 May (45 days: Mon 4 May).
    Selection sel(b, std::nullopt, {"set:reflection.days=60"});
    const Outcome o = replay(parse_case(kCase), sel, *parse_date("2026-04-01"));
    EXPECT_EQ(format_date(*o.current()->doc_end), "2026-05-18");
    const RuleSet* rs = sel.at(*parse_date("2026-04-01"));
    EXPECT_EQ(rs->param("reflection.days").status, "hypothetical");
    EXPECT_EQ(rs->param("reflection.days").basis, kSetByUser);
    EXPECT_EQ(o.reforms, std::vector<std::string>{"set:reflection.days=60"});
    // Given before a reform, the setting still comes after it.
    Selection both(b, std::nullopt, {"set:mena.unconditional=false", "mena-unconditional"});
    EXPECT_FALSE(both.at(*parse_date("2026-04-01"))->p.mena_unconditional);
    // A rule-set spec carries it too.
    const auto spec = parse_rule_set_spec("in-force+set:dates.month_convention=same-day-clamped");
    EXPECT_EQ(spec.reforms, std::vector<std::string>{"set:dates.month_convention=same-day-clamped"});
}

TEST(Settings, AReformEntryIsSplitInOnePlace) {
    const ReformEntry a = split_reform_entry("mena-unconditional@2026-02-01");
    EXPECT_EQ(a.id, "mena-unconditional");
    EXPECT_EQ(a.adopted.value_or(""), "2026-02-01");
    EXPECT_FALSE(a.setting.has_value());
    const ReformEntry s = split_reform_entry("set:reflection.days=60");
    EXPECT_EQ(s.id, "");
    EXPECT_EQ(s.setting.value_or(""), "reflection.days=60");
    EXPECT_FALSE(s.adopted.has_value());
    const ReformEntry d = split_reform_entry("set:reflection.annex15_decree_from=2017-05-04");  // '@' is not looked for
    EXPECT_EQ(d.setting.value_or(""), "reflection.annex15_decree_from=2017-05-04");
    const ReformEntry p = split_reform_entry("diplomatic-labour-track");
    EXPECT_EQ(p.id, "diplomatic-labour-track");
    EXPECT_FALSE(p.adopted.has_value());
}

TEST(Settings, AWrongSettingNamesTheKeyAndWhatTheValueMustBe) {
    auto b = book();
    auto said = [&](const std::string& s) {
        try {
            Selection(b, std::nullopt, {s});
        } catch (const UnknownRuleSet& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    // The Convention's floor (CETS 197 art. 13: 30 days) is the rule files' reflection.min_days.
    EXPECT_EQ(said("set:reflection.days=29"),
              "reflection.days = 29 is shorter than reflection.min_days = 30, the floor of the rule files (sejour61 rules "
              "shows its basis); to study it anyway: --set reflection.min_days=29");
    EXPECT_EQ(said("set:reflection.days=sixty"), "--set reflection.days=sixty: the value must be a whole number from 1 to 1200");
    EXPECT_NO_THROW(Selection(b, std::nullopt, {"set:reflection.days=29", "set:reflection.min_days=29"}));
    EXPECT_EQ(Selection(b, std::nullopt, {"set:reflection.days=29", "set:reflection.min_days=29"}).at(*parse_date("2026-01-01"))->p.reflection_days, 29);
    EXPECT_EQ(said("set:dates.month_convention=julian"),
              "--set dates.month_convention=julian: the value must be one of: quantieme, same-day-clamped");
    EXPECT_EQ(said("set:indefinite.assume_granted=yes"), "--set indefinite.assume_granted=yes: the value must be true or false");
    EXPECT_EQ(said("set:reflection.dayz=60"), "--set reflection.dayz: not a parameter (sejour61 rules lists them)");
    EXPECT_EQ(said("set:reflection.days"), "--set \"reflection.days\": expected KEY=VALUE, e.g. reflection.days=60");
    EXPECT_EQ(said("set:temporary.max_renewals=null"), "accepted");
}

TEST(Contest, TheAlarmComparesTheSameDocumentOnItsLastDays) {
    // The review's two cases. (1) Scenario 12's chain: the A card from act
    // 29 Feb 2024 ends 31 Aug 2024 (quantième, end-of-month rule); clamped,
    // 29 Aug. On 30 and 31 Aug the clamped replay has moved on to the next
    // card: the alarm still names 29 August, the same card's end.
    auto b = book();
    Selection sel(b, std::nullopt, {});
    const Case chain = parse_case(R"({"format": "sejour61.case/1", "id": "T-12",
      "person": {"birth_date": "1990-01-01", "nationality": "NG"}, "offence": {"type": "trafficking"},
      "events": [{"date": "2023-11-20", "type": "indications", "by": "police"},
                 {"date": "2023-11-21", "type": "centre_contact", "centre": "x"},
                 {"date": "2023-11-29", "type": "cooperation", "form": "complaint"},
                 {"date": "2023-12-01", "type": "identity_established"},
                 {"date": "2024-01-15", "type": "prosecutor_opinion", "by": "prosecutor", "victim": true,
                  "proceedings_ongoing": true, "cooperating": true}]})");
    for (const char* on : {"2024-08-01", "2024-08-30", "2024-08-31"}) {
        const Outcome o = replay(chain, sel, *parse_date(on));
        ASSERT_EQ(format_date(*o.current()->doc_end), "2024-08-31") << on;
        ASSERT_EQ(o.sensitivities.size(), 1u) << on;
        EXPECT_EQ(o.sensitivities[0].convention, "same-day-clamped") << on;
        EXPECT_EQ(format_date(o.sensitivities[0].date), "2024-08-29") << on;
    }
    // (2) Centre contact Wed 7 Jan 2026: 45 days end Sat 21 Feb, rolled to
    // Mon 23 Feb. On Sun 22 and Mon 23 Feb, without roll-over the case is
    // already closed: the alarm still says 21 February, for both fields.
    const Case weekend = parse_case(R"({"format": "sejour61.case/1", "id": "T-03",
      "person": {"birth_date": "1990-01-01", "nationality": "NG"}, "offence": {"type": "trafficking"},
      "events": [{"date": "2026-01-07", "type": "indications", "by": "police"},
                 {"date": "2026-01-07", "type": "centre_contact", "centre": "x"}]})");
    for (const char* on : {"2026-02-01", "2026-02-22", "2026-02-23"}) {
        const Outcome o = replay(weekend, sel, *parse_date(on));
        ASSERT_EQ(format_date(*o.current()->doc_end), "2026-02-23") << on;
        ASSERT_EQ(o.sensitivities.size(), 2u) << on;
        EXPECT_EQ(o.sensitivities[0].field, "document.until") << on;
        EXPECT_EQ(o.sensitivities[1].field, "deadlines.reflection-last-day") << on;
        EXPECT_EQ(o.sensitivities[0].convention, "no-rollover") << on;
        EXPECT_EQ(format_date(o.sensitivities[1].date), "2026-02-21") << on;
    }
}
