// The state machine: one guard at most per state and event (overlap is an
// error, not an order), exactly one for the time events that must decide.
#include "sejour61/machine.hpp"
#include "sejour61/rules.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace sejour61;

namespace {

// Every combination of the GuardContext's fields.
std::vector<GuardContext> all_contexts() {
    std::vector<GuardContext> out;
    const Tri tris[] = {Tri::unknown, Tri::holds, Tri::fails};
    for (Tri c1 : tris)
        for (Tri c2 : tris)
            for (Tri c3 : tris)
                for (Tri c4 : tris)
                    for (int bits = 0; bits < (1 << 8); ++bits) {
                        GuardContext g;
                        g.victim = c1, g.proceedings = c2, g.cooperation = c3, g.identity = c4;
                        g.extension_left = bits & 1;
                        g.renewal_left = bits & 2;
                        g.eligible = bits & 4;
                        g.prior_cooperation = bits & 8;
                        g.mena_on_contact = bits & 16;
                        g.mena_reflection_3m = bits & 32;
                        g.withdrawal_effective = bits & 64;
                        g.personal_stay = bits & 128;
                        out.push_back(g);
                    }
    return out;
}

const State kStates[] = {State::start,       State::detected,  State::reflection, State::provisional,
                         State::temporary,   State::indefinite, State::closed};
const Trigger kTriggers[] = {Trigger::indications, Trigger::centre_contact, Trigger::cooperation,
                             Trigger::document_end, Trigger::withdrawal,   Trigger::left,
                             Trigger::indefinite_trigger, Trigger::indefinite_grant, Trigger::temporary_years};

}  // namespace

TEST(Machine, AtMostOneGuardHoldsForEveryStateAndEvent) {
    const auto contexts = all_contexts();
    const auto& table = transition_table();
    for (State s : kStates)
        for (Trigger t : kTriggers) {
            std::vector<const TransitionRow*> rows;
            for (const auto& r : table)
                if (r.source == s && r.event == t) rows.push_back(&r);
            for (const auto& g : contexts) {
                int holding = 0;
                for (const auto* r : rows) holding += r->holds(g) ? 1 : 0;
                ASSERT_LE(holding, 1) << state_name(s) << " + " << trigger_name(t);
                // Time and opening events must always decide.
                bool must = (t == Trigger::document_end &&
                             (s == State::reflection || s == State::provisional || s == State::temporary)) ||
                            (t == Trigger::indications && s == State::start) ||
                            (t == Trigger::centre_contact && s == State::detected);
                if (must) {
                    ASSERT_EQ(holding, 1) << state_name(s) << " + " << trigger_name(t);
                }
            }
        }
}

TEST(Machine, TableIsIntrospectedFromMsm) {
    const auto& table = transition_table();
    EXPECT_EQ(table.size(), 27u);  // 25 of the law, 2 of residence-without-cooperation
    auto book = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    std::set<std::string> rules;
    for (const auto& r : table) {
        EXPECT_TRUE(book->rule_index().count(r.rule)) << r.rule;
        rules.insert(r.rule);
    }
    // The rules that move a case are all in the table.
    for (const char* id : {"R-ELIG", "R-61/2-DETECT", "R-61/2-REFLECT", "R-61/3-DIRECT", "R-MENA-DIRECT", "R-61/2-END",
                           "R-61/3-AI", "R-61/3-EXTEND", "R-61/3-EXHAUSTED", "R-61/4-A", "R-61/4-RENEW",
                           "R-61/5-INDEF", "R-WITHDRAW", "R-LEFT", "R-61/3-PERSONAL", "R-61/5-YEARS"})
        EXPECT_TRUE(rules.count(id)) << id;
    // Nothing leaves closed or indefinite.
    for (const auto& r : table) {
        EXPECT_NE(r.source, State::closed);
        EXPECT_NE(r.source, State::indefinite);
    }
}

TEST(Machine, ProvisionalEndDecidesOnTheConditions) {
    auto run = [](GuardContext g) {
        ProcedureMachine m;
        GuardContext open;
        m.fire(Trigger::indications, open);
        m.fire(Trigger::centre_contact, open);
        m.fire(Trigger::cooperation, open);
        EXPECT_EQ(m.state(), State::provisional);
        Fired f = m.fire(Trigger::document_end, g);
        EXPECT_TRUE(f.handled);
        return f.row->action;
    };
    GuardContext g;
    g.victim = g.proceedings = g.cooperation = g.identity = Tri::holds;
    EXPECT_EQ(run(g), Action::issue_a_card);
    g.identity = Tri::unknown;
    g.extension_left = true;
    EXPECT_EQ(run(g), Action::extend_ai);
    g.extension_left = false;
    EXPECT_EQ(run(g), Action::close_exhausted);
    g.proceedings = Tri::fails;
    g.extension_left = true;
    EXPECT_EQ(run(g), Action::close_conditions);
}

// The end of a reflection without cooperation: closure under the law, the ai
// under residence-without-cooperation (R-61/3-PERSONAL); R-61/5-YEARS only
// moves a temporary stay.
TEST(Machine, ReflectionEndAndYearsUnderTheReform) {
    auto reflection_end = [](bool personal) {
        ProcedureMachine m;
        GuardContext open;
        m.fire(Trigger::indications, open);
        m.fire(Trigger::centre_contact, open);
        EXPECT_EQ(m.state(), State::reflection);
        GuardContext g;
        g.personal_stay = personal;
        Fired f = m.fire(Trigger::document_end, g);
        EXPECT_TRUE(f.handled);
        EXPECT_EQ(f.to, personal ? State::provisional : State::closed);
        return f.row->action;
    };
    EXPECT_EQ(reflection_end(false), Action::close_lapsed);
    EXPECT_EQ(reflection_end(true), Action::issue_ai_personal);
    ProcedureMachine m;
    GuardContext g;
    m.fire(Trigger::indications, g);
    m.fire(Trigger::centre_contact, g);
    m.fire(Trigger::cooperation, g);
    EXPECT_FALSE(m.fire(Trigger::temporary_years, g).handled);  // provisional: not a temporary stay
    g.victim = g.proceedings = g.cooperation = g.identity = Tri::holds;
    m.fire(Trigger::document_end, g);
    ASSERT_EQ(m.state(), State::temporary);
    Fired f = m.fire(Trigger::temporary_years, g);
    ASSERT_TRUE(f.handled);
    EXPECT_EQ(f.row->action, Action::indefinite_by_years);
    EXPECT_EQ(m.state(), State::indefinite);
}

TEST(Machine, UnhandledEventsAreReportedNotAsserted) {
    ProcedureMachine m;
    GuardContext g;
    Fired f = m.fire(Trigger::withdrawal, g);
    EXPECT_FALSE(f.handled);
    EXPECT_EQ(m.state(), State::start);
    m.fire(Trigger::indications, g);
    EXPECT_EQ(m.state(), State::detected);
    EXPECT_FALSE(m.fire(Trigger::indefinite_trigger, g).handled);
    EXPECT_EQ(m.state(), State::detected);
}
