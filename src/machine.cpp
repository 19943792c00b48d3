// The procedure of art. 61/2–61/5 as a Boost.MSM state machine.
//
// This is the only translation unit that includes Boost.MSM (about 7 s and
// 1 GB of compiler memory with g++ 12). The table has more than 20 rows, so it
// is split into mpl::vectors of at most 20 rows joined by mpl::joint_view
// (see ../shared/toolchain.md).
#include "sejour61/machine.hpp"

#include <boost/mpl/for_each.hpp>
#include <boost/mpl/joint_view.hpp>
#include <boost/mpl/vector.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include <new>
#include <type_traits>

namespace sejour61 {

const char* state_name(State s) {
    switch (s) {
        case State::start: return "start";
        case State::detected: return "detected";
        case State::reflection: return "reflection";
        case State::provisional: return "provisional";
        case State::temporary: return "temporary";
        case State::indefinite: return "indefinite";
        case State::closed: return "closed";
    }
    return "?";
}

const char* trigger_name(Trigger t) {
    switch (t) {
        case Trigger::indications: return "indications";
        case Trigger::centre_contact: return "centre_contact";
        case Trigger::cooperation: return "cooperation";
        case Trigger::document_end: return "document_end";
        case Trigger::withdrawal: return "withdrawal_ground";
        case Trigger::left: return "left_procedure";
        case Trigger::indefinite_trigger: return "indefinite_trigger";
        case Trigger::indefinite_grant: return "indefinite_grant";
        case Trigger::temporary_years: return "temporary_years";
    }
    return "?";
}

const char* action_name(Action a) {
    switch (a) {
        case Action::open_case: return "open_case";
        case Action::close_not_eligible: return "close_not_eligible";
        case Action::issue_reflection: return "issue_reflection";
        case Action::issue_mena_reflection: return "issue_mena_reflection";
        case Action::issue_ai_direct: return "issue_ai_direct";
        case Action::issue_ai_mena: return "issue_ai_mena";
        case Action::issue_ai: return "issue_ai";
        case Action::close_lapsed: return "close_lapsed";
        case Action::close_withdrawn: return "close_withdrawn";
        case Action::close_left: return "close_left";
        case Action::extend_ai: return "extend_ai";
        case Action::issue_a_card: return "issue_a_card";
        case Action::close_exhausted: return "close_exhausted";
        case Action::close_conditions: return "close_conditions";
        case Action::renew_a_card: return "renew_a_card";
        case Action::close_not_renewed: return "close_not_renewed";
        case Action::indefinite_by_trigger: return "indefinite_by_trigger";
        case Action::indefinite_by_decision: return "indefinite_by_decision";
        case Action::issue_ai_personal: return "issue_ai_personal";
        case Action::indefinite_by_years: return "indefinite_by_years";
    }
    return "?";
}

namespace {

namespace msm = boost::msm;
namespace msmf = boost::msm::front;
namespace mpl = boost::mpl;

// ---- rule ids of the actions (procedure.md §4) ----
constexpr const char* rule_of(Action a) {
    switch (a) {
        case Action::open_case: return "R-61/2-DETECT";
        case Action::close_not_eligible: return "R-ELIG";
        case Action::issue_reflection: return "R-61/2-REFLECT";
        case Action::issue_mena_reflection: return "R-MENA-DIRECT";
        case Action::issue_ai_direct: return "R-61/3-DIRECT";
        case Action::issue_ai_mena: return "R-MENA-DIRECT";
        case Action::issue_ai: return "R-61/3-AI";
        case Action::close_lapsed: return "R-61/2-END";
        case Action::close_withdrawn: return "R-WITHDRAW";
        case Action::close_left: return "R-LEFT";
        case Action::extend_ai: return "R-61/3-EXTEND";
        case Action::issue_a_card: return "R-61/4-A";
        case Action::close_exhausted: return "R-61/3-EXHAUSTED";
        case Action::close_conditions: return "R-61/4-A";
        case Action::renew_a_card: return "R-61/4-RENEW";
        case Action::close_not_renewed: return "R-61/4-RENEW";
        case Action::indefinite_by_trigger: return "R-61/5-INDEF";
        case Action::indefinite_by_decision: return "R-61/5-INDEF";
        case Action::issue_ai_personal: return "R-61/3-PERSONAL";
        case Action::indefinite_by_years: return "R-61/5-YEARS";
    }
    return "";
}

// ---- events ----
template <Trigger T>
struct Ev {
    static constexpr Trigger trigger = T;
    const GuardContext* ctx;
};
using EIndications = Ev<Trigger::indications>;
using ECentreContact = Ev<Trigger::centre_contact>;
using ECooperation = Ev<Trigger::cooperation>;
using EDocumentEnd = Ev<Trigger::document_end>;
using EWithdrawal = Ev<Trigger::withdrawal>;
using ELeft = Ev<Trigger::left>;
using ETrigger = Ev<Trigger::indefinite_trigger>;
using EGrant = Ev<Trigger::indefinite_grant>;
using EYears = Ev<Trigger::temporary_years>;

// ---- states ----
template <State S>
struct St : msmf::state<> {
    static constexpr State id = S;
    template <class Event, class FSM>
    void on_entry(const Event&, FSM& fsm) { fsm.current = S; }
};
using SStart = St<State::start>;
using SDetected = St<State::detected>;
using SReflection = St<State::reflection>;
using SProvisional = St<State::provisional>;
using STemporary = St<State::temporary>;
using SIndefinite = St<State::indefinite>;
using SClosed = St<State::closed>;

// ---- guards: each a named predicate on the GuardContext ----
bool all_hold(const GuardContext& c) {
    return c.victim == Tri::holds && c.proceedings == Tri::holds && c.cooperation == Tri::holds && c.identity == Tri::holds;
}
bool any_fails(const GuardContext& c) {
    return c.victim == Tri::fails || c.proceedings == Tri::fails || c.cooperation == Tri::fails || c.identity == Tri::fails;
}
bool renewable(const GuardContext& c) {
    return c.victim == Tri::holds && c.proceedings == Tri::holds && c.cooperation == Tri::holds && c.renewal_left;
}

#define S61_GUARD(NAME, LABEL, EXPR)                                              \
    struct NAME {                                                                 \
        static constexpr const char* name = LABEL;                                \
        static bool holds(const GuardContext& c) { return (EXPR); }               \
        template <class E, class FSM, class SRC, class TGT>                        \
        bool operator()(const E& e, FSM&, SRC&, TGT&) const { return holds(*e.ctx); } \
    };

S61_GUARD(GEligible, "eligible", c.eligible)
S61_GUARD(GNotEligible, "not eligible", !c.eligible)
S61_GUARD(GPriorCooperation, "cooperated before", c.prior_cooperation)
S61_GUARD(GMenaAi, "MENA, first document ai", !c.prior_cooperation && c.mena_on_contact && !c.mena_reflection_3m)
S61_GUARD(GMenaReflection, "MENA, first document reflection_3m",
          !c.prior_cooperation && c.mena_on_contact && c.mena_reflection_3m)
S61_GUARD(GOrdinary, "no prior cooperation, not MENA", !c.prior_cooperation && !c.mena_on_contact)
S61_GUARD(GLapses, "reflection ends without cooperation: the procedure closes", !c.personal_stay)
S61_GUARD(GPersonalStay, "reflection ends without cooperation: the ai (reform)", c.personal_stay)
S61_GUARD(GWithdrawalEffective, "withdrawal ground applies", c.withdrawal_effective)
S61_GUARD(GAllHold, "conditions 1-4 hold", all_hold(c))
S61_GUARD(GExtendable, "a condition unknown, none fails, extension left",
          !all_hold(c) && !any_fails(c) && c.extension_left)
S61_GUARD(GExhausted, "a condition unknown, none fails, no extension left",
          !all_hold(c) && !any_fails(c) && !c.extension_left)
S61_GUARD(GSomeFails, "a condition fails", any_fails(c))
S61_GUARD(GRenewable, "conditions 1-3 hold", renewable(c))
S61_GUARD(GNotRenewable, "conditions 1-3 do not all hold", !renewable(c))
#undef S61_GUARD

// ---- actions: record which action the replay must carry out ----
template <Action A>
struct Do {
    static constexpr Action action = A;
    template <class E, class FSM, class SRC, class TGT>
    void operator()(const E&, FSM& fsm, SRC&, TGT&) const { fsm.fired = A; }
};

template <class Src, class E, class Tgt, Action A, class G = msmf::none>
using R = msmf::Row<Src, E, Tgt, Do<A>, G>;

struct ProcedureDef : msmf::state_machine_def<ProcedureDef> {
    using initial_state = SStart;
    using no_exception_thrown = int;
    using no_message_queue = int;

    State current = State::start;
    Action fired = Action::open_case;

    template <class FSM, class Event>
    void no_transition(const Event&, FSM&, int) {}

    // clang-format off
    using rows_opening = mpl::vector<
        //  source        event           target        action                          guard
        R<SStart,       EIndications,   SDetected,    Action::open_case,              GEligible>,
        R<SStart,       EIndications,   SClosed,      Action::close_not_eligible,     GNotEligible>,
        R<SDetected,    ECentreContact, SProvisional, Action::issue_ai_direct,        GPriorCooperation>,
        R<SDetected,    ECentreContact, SProvisional, Action::issue_ai_mena,          GMenaAi>,
        R<SDetected,    ECentreContact, SReflection,  Action::issue_mena_reflection,  GMenaReflection>,
        R<SDetected,    ECentreContact, SReflection,  Action::issue_reflection,       GOrdinary>,
        R<SDetected,    ELeft,          SClosed,      Action::close_left>,
        R<SReflection,  ECooperation,   SProvisional, Action::issue_ai>,
        R<SReflection,  EDocumentEnd,   SClosed,      Action::close_lapsed,           GLapses>,
        R<SReflection,  EDocumentEnd,   SProvisional, Action::issue_ai_personal,      GPersonalStay>,
        R<SReflection,  EWithdrawal,    SClosed,      Action::close_withdrawn,        GWithdrawalEffective>,
        R<SReflection,  ELeft,          SClosed,      Action::close_left>
    >;
    using rows_stay = mpl::vector<
        R<SProvisional, EDocumentEnd,   STemporary,   Action::issue_a_card,           GAllHold>,
        R<SProvisional, EDocumentEnd,   SProvisional, Action::extend_ai,              GExtendable>,
        R<SProvisional, EDocumentEnd,   SClosed,      Action::close_exhausted,        GExhausted>,
        R<SProvisional, EDocumentEnd,   SClosed,      Action::close_conditions,       GSomeFails>,
        R<SProvisional, EWithdrawal,    SClosed,      Action::close_withdrawn,        GWithdrawalEffective>,
        R<SProvisional, ELeft,          SClosed,      Action::close_left>,
        R<SProvisional, ETrigger,       SIndefinite,  Action::indefinite_by_trigger>,
        R<SProvisional, EGrant,         SIndefinite,  Action::indefinite_by_decision>,
        R<STemporary,   EDocumentEnd,   STemporary,   Action::renew_a_card,           GRenewable>,
        R<STemporary,   EDocumentEnd,   SClosed,      Action::close_not_renewed,      GNotRenewable>,
        R<STemporary,   EWithdrawal,    SClosed,      Action::close_withdrawn,        GWithdrawalEffective>,
        R<STemporary,   ELeft,          SClosed,      Action::close_left>,
        R<STemporary,   ETrigger,       SIndefinite,  Action::indefinite_by_trigger>,
        R<STemporary,   EGrant,         SIndefinite,  Action::indefinite_by_decision>,
        R<STemporary,   EYears,         SIndefinite,  Action::indefinite_by_years>
    >;
    // clang-format on
    using transition_table = mpl::joint_view<rows_opening, rows_stay>;
};

using Machine = msm::back::state_machine<ProcedureDef>;

// ---- introspection of the table ----
template <class G>
struct GuardInfo {
    static const char* name() { return G::name; }
    static bool holds(const GuardContext& c) { return G::holds(c); }
};
template <>
struct GuardInfo<msmf::none> {
    static const char* name() { return ""; }
    static bool holds(const GuardContext&) { return true; }
};

struct Collect {
    std::vector<TransitionRow>* rows;
    template <class Row>
    void operator()(const Row&) const {
        using A = typename Row::Action;
        rows->push_back(TransitionRow{Row::Source::id, Row::Evt::trigger, Row::Target::id, A::action,
                                      rule_of(A::action), GuardInfo<typename Row::Guard>::name(),
                                      &GuardInfo<typename Row::Guard>::holds});
    }
};

template <class E>
Fired dispatch(Machine& m, const GuardContext& ctx) {
    Fired f;
    f.from = m.current;
    E e{&ctx};
    auto r = m.process_event(e);
    f.handled = (r == msm::back::HANDLED_TRUE);
    f.to = m.current;
    if (f.handled) {
        for (const auto& row : transition_table())
            if (row.source == f.from && row.event == E::trigger && row.action == m.fired) {
                f.row = &row;
                break;
            }
    }
    return f;
}

}  // namespace

const std::vector<TransitionRow>& transition_table() {
    static const std::vector<TransitionRow> rows = [] {
        std::vector<TransitionRow> out;
        mpl::for_each<ProcedureDef::transition_table>(Collect{&out});
        return out;
    }();
    return rows;
}

struct ProcedureMachine::Impl {
    Machine m;
};

ProcedureMachine::ProcedureMachine() : impl_(new Impl) { impl_->m.start(); }
ProcedureMachine::~ProcedureMachine() = default;

void ProcedureMachine::reset() {
    impl_->m.~Machine();
    new (&impl_->m) Machine();
    impl_->m.start();
}

State ProcedureMachine::state() const { return impl_->m.current; }

Fired ProcedureMachine::fire(Trigger t, const GuardContext& ctx) {
    Machine& m = impl_->m;
    switch (t) {
        case Trigger::indications: return dispatch<EIndications>(m, ctx);
        case Trigger::centre_contact: return dispatch<ECentreContact>(m, ctx);
        case Trigger::cooperation: return dispatch<ECooperation>(m, ctx);
        case Trigger::document_end: return dispatch<EDocumentEnd>(m, ctx);
        case Trigger::withdrawal: return dispatch<EWithdrawal>(m, ctx);
        case Trigger::left: return dispatch<ELeft>(m, ctx);
        case Trigger::indefinite_trigger: return dispatch<ETrigger>(m, ctx);
        case Trigger::indefinite_grant: return dispatch<EGrant>(m, ctx);
        case Trigger::temporary_years: return dispatch<EYears>(m, ctx);
    }
    return Fired{};
}

}  // namespace sejour61
