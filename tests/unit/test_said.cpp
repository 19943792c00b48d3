// Errors said in the reader's language (issue 12): the English form written
// once where the error is made, the catalogues' "errors" table for French and
// Dutch, what() unchanged for the C API and Python.
#include "sejour61/case.hpp"
#include "sejour61/case_entry.hpp"
#include "sejour61/errors.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/record.hpp"

#include "case_fixture.hpp"

#include <gtest/gtest.h>

using namespace sejour61;

namespace {

Classified classified(const std::string& text) {
    try {
        parse_case(text);
    } catch (...) {
        return classify(std::current_exception());
    }
    return {};
}

}  // namespace

TEST(Said, TheEnglishIsWhatItWasAndTheFormKeepsTheArguments) {
    auto j = test::minimal_case();
    j["id"] = 7;
    const Classified c = classified(j.dump());
    EXPECT_EQ(c.message, "id: must be a string, not an integer");
    EXPECT_EQ(c.path, "id");
    EXPECT_EQ(c.said.form, "must be a string, not {type}");
    ASSERT_EQ(c.said.args.size(), 1u);
    EXPECT_EQ(c.said.args[0].second, "an integer");
    EXPECT_EQ(c.said.english(), "must be a string, not an integer");
}

TEST(Said, FrenchAndDutchFromTheErrorsTableArgumentsToo) {
    auto fr = Messages::load(SEJOUR61_TEST_RULES_DIR, "fr");
    auto nl = Messages::load(SEJOUR61_TEST_RULES_DIR, "nl");
    const Said s = say("must be a string, not {type}", {{"type", "an integer"}});
    EXPECT_EQ(fr->said(s), "doit être un texte, et non un nombre entier");
    EXPECT_EQ(nl->said(s), "moet een tekst zijn, niet een geheel getal");
    // A date argument is written out; the lead "event: " is a word as well.
    const Said r = led("event: ", say("{date} is after today ({today}): only facts that happened can be recorded",
                                      {{"date", "2027-05-01"}, {"today", "2026-12-02"}}));
    EXPECT_EQ(fr->said(r), "événement : le 1er mai 2027 est postérieur à aujourd'hui (2 décembre 2026) : seuls des faits "
                           "survenus peuvent être enregistrés");
    EXPECT_EQ(r.english(), "event: 2027-05-01 is after today (2026-12-02): only facts that happened can be recorded");
    // A form the table does not have stays English, exactly.
    const Said unknown = say("no such form {x}", {{"x", "2026-01-01"}});
    EXPECT_EQ(fr->said(unknown), "no such form 2026-01-01");
    // English has no table: the English text.
    auto en = Messages::load(SEJOUR61_TEST_RULES_DIR, "en");
    EXPECT_EQ(en->said(s), "must be a string, not an integer");
}

TEST(Said, AnImpossibleDateInACaseIsSaidInFrench) {
    auto j = test::minimal_case();
    j["person"]["birth_date"] = "1999-02-30";
    const Classified c = classified(j.dump());
    auto fr = Messages::load(SEJOUR61_TEST_RULES_DIR, "fr");
    EXPECT_EQ(c.message, "person.birth_date: \"1999-02-30\" is not a calendar date");
    EXPECT_EQ(fr->said(c.said), "« 1999-02-30 » n'est pas une date du calendrier");
}

TEST(CaseEntry, TheSkeletonOfInitIsTheCaseAFileWouldHold) {
    auto en = Messages::load(SEJOUR61_TEST_RULES_DIR, "en");
    const auto c = case_skeleton({{"--id", "B-1"}, {"--birth-date", "2008-03-01"}, {"--nationality", "al"},
                                  {"--unaccompanied", ""}, {"--offence", "mensensmokkel"}, {"--aggravating", "1, 3"},
                                  {"--centre-file", "S-9"}},
                                 *en);
    EXPECT_EQ(c.dump(), R"({"format":"sejour61.case/1","id":"B-1","person":{"birth_date":"2008-03-01","nationality":"AL",)"
                        R"("unaccompanied":true},"offence":{"type":"smuggling","aggravating":[1,3]},)"
                        R"("references":{"centre_file":"S-9"},"events":[]})");
    try {
        case_skeleton({{"--id", "B-1"}, {"--birth-date", "2008-03-01"}, {"--nationality", "AL"}, {"--offence", "trafic"},
                       {"--aggravating", "6"}},
                      *en);
        FAIL() << "circumstance 6 accepted";
    } catch (const CaseError& e) {
        EXPECT_EQ(e.path(), "--aggravating");
        EXPECT_STREQ(e.what(), "--aggravating: 6 is not a circumstance of art. 77quater (1 to 5)");
    }
    EXPECT_THROW(case_skeleton({{"--id", "B-1"}, {"--id", "B-2"}}, *en), CaseError);  // twice
    EXPECT_THROW(case_skeleton({{"--id", "B-1"}, {"--birth-date", "2008-03-01"}, {"--nationality", "AL"}}, *en),
                 CaseError);  // --offence is required
    EXPECT_EQ(flag_of_case_path("offence.aggravating[0]"), "--aggravating");
    EXPECT_EQ(flag_of_case_path("person.birth_date"), "--birth-date");
}
