#include "platform/sdl/app.h"

#include <imgui.h>

#include <chrono>

#include "core/filing/lookup_route.h"
#include "core/filing/portal_time.h"
#include "core/receipt/receipt.h"  // [paper]
#include "core/text/utf8.h"
#include "platform/system/clock.h"
#include "platform/system/log.h"
#include "platform/system/metrics.h"

namespace motcua::platform {

AppClock::AppClock(bool manual)
    : m_manual(manual),
      m_start_monotonic_ms(static_cast<std::int64_t>(SDL_GetTicks64())),
      m_start_wall_ms(system_wall_ms()) {}

std::int64_t AppClock::monotonic_ms() {
    return (m_manual ? m_start_monotonic_ms : static_cast<std::int64_t>(SDL_GetTicks64())) +
           m_offset_ms;
}

std::int64_t AppClock::wall_unix_ms() {
    return (m_manual ? m_start_wall_ms : system_wall_ms()) + m_offset_ms;
}

Uint32 wake_event_type() {
    static const Uint32 type = SDL_RegisterEvents(1);
    return type;
}

App::App(AppParts parts, std::unique_ptr<Display> display, ui::Fonts fonts, AppClock& clock)
    : m_parts(std::move(parts)), m_display(std::move(display)), m_fonts(fonts), m_clock(clock) {
    // [staff] The answer wakes the loop like a worker's result does.
    if (m_parts.staff)
        m_pin_checker = std::make_unique<PinChecker>(*m_parts.staff, [] {
            SDL_Event event{};
            event.type = wake_event_type();
            SDL_PushEvent(&event);
        });
    // [/staff]
}

void App::apply(const core::Intent& intent) {
    const core::Now now{m_clock.monotonic_ms(), m_clock.wall_unix_ms()};
    const std::vector<core::Effect> effects = m_parts.session.dispatch(intent, now);
    carry_out(effects);
}

void App::carry_out(const std::vector<core::Effect>& effects) {
    for (const auto& effect : effects) {
        if (const auto* save = std::get_if<core::effect::SaveDossier>(&effect)) {
            // The outbox and its worker live on real time; only the session's timers may be
            // fast-forwarded by the headless driver.
            const std::int64_t real_now = system_wall_ms();
            core::OutboxEntry entry =
                core::make_entry(save->idempotency_key, save->provisional_code,
                                 save->procedure_code, save->payload_json, real_now);
            core::Status saved = m_parts.store.insert(entry);
            // The outcome of the save is logged here, where it is known: "dossier_saved" only after
            // the commit. (The session's "dossier_submitted" is logged before the save is tried.)
            if (!saved)
                log_error("dossier_save_failed", saved.error().code + ": " + saved.error().detail);
            else
                log_info("dossier_saved", save->procedure_code + " " + save->provisional_code);
            apply(core::intent::Saved{saved.ok(), saved.ok() ? "" : saved.error().code});
            if (saved && m_parts.worker) m_parts.worker->wake();
        } else if (const auto* rating = std::get_if<core::effect::SendRating>(&effect)) {
            if (m_parts.worker)
                m_parts.worker->send_rating(rating->code, rating->level,
                                            m_parts.session.config().kiosk_id);
        } else if (const auto* log = std::get_if<core::effect::Log>(&effect)) {
            log_info(log->event, log->detail);
        } else if (const auto* lookup = std::get_if<core::effect::LookupDossier>(&effect)) {
            // A filing still in this kiosk's outbox is answered here; the rest by the portal
            // (core::route_lookup decides).
            auto local = m_parts.store.find(lookup->code);
            const core::OutboxEntry* entry = local && *local ? &**local : nullptr;
            const core::LookupRoute route = core::route_lookup(lookup->code, entry);
            if (route.kind == core::LookupRoute::Kind::AnswerWaiting) {
                apply(core::intent::LookupResult{
                    lookup->code, core::LookupState::Waiting, {}, 0, {}});
            } else if (m_parts.worker) {
                m_parts.worker->lookup(route.portal_code, route.portal_progress);
                if (route.portal_code != lookup->code)
                    m_lookup_alias = {route.portal_code, lookup->code};
            } else {
                apply(core::intent::LookupResult{
                    lookup->code, core::LookupState::Unavailable, {}, 0, {}});
            }
        } else if (const auto* call = std::get_if<core::effect::NotifyStaff>(&effect)) {
            // [help] Off the UI thread; the outcome is logged by the notifier.
            if (m_parts.notifier)
                m_parts.notifier->notify(call->screen, m_clock.wall_unix_ms());
            else
                log_warning("staff_notify_unconfigured",
                            "no --notify-command or --notify-url: only the banner shows");
            // [/help]
        } else if (std::holds_alternative<core::effect::VisitEnded>(effect)) {
            ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        } else {
            if (!carry_out_staff(effect)) carry_out_paper(effect);  // [staff] [paper]
        }
    }
}

// [staff] ---------------------------------------------------------------------------------------
bool App::carry_out_staff(const core::Effect& effect) {
    const std::int64_t wall = m_clock.wall_unix_ms();  // the driver's clock in tests
    if (const auto* check = std::get_if<core::effect::CheckStaffPin>(&effect)) {
        if (!m_pin_checker) {
            apply(core::intent::StaffPinResult{core::StaffPinOutcome::NotSet, 0, 0});
            return true;
        }
        // Off the UI thread: the pad says "checking" and frames go on being drawn. The session
        // asks again only after an answer or after the pad was left, so the answers still
        // outstanding now belong to a pad that was left: they are dropped when they come.
        m_pin_stale = m_pin_outstanding;
        ++m_pin_outstanding;
        m_pin_frames_at = m_display->frames_presented();
        m_pin_checker->check(check->pin, wall);
    } else if (const auto* retry = std::get_if<core::effect::StaffRetryFiling>(&effect)) {
        if (m_parts.worker) {
            m_parts.worker->staff_retry(retry->id);  // the worker logs it
        } else if (auto found = m_parts.store.by_id(retry->id); found && *found) {
            // No portal: the entry is due again, for when one is configured.
            if (auto saved = m_parts.store.update(core::on_staff_retry(**found, system_wall_ms()));
                !saved)
                log_error("outbox_update_failed", saved.error().detail);
            else
                log_info("dossier_retry_by_staff", (*found)->provisional_code);
        }
    } else if (const auto* cancel = std::get_if<core::effect::StaffCancelFiling>(&effect)) {
        if (m_parts.worker) {
            m_parts.worker->staff_cancel(cancel->id, cancel->reason);  // the worker logs it
        } else if (auto found = m_parts.store.by_id(cancel->id); found && *found) {
            core::OutboxEntry entry = core::on_staff_cancel(**found, cancel->reason);
            if (auto saved = m_parts.store.update(entry); !saved)
                log_error("outbox_update_failed", saved.error().detail);
            else if (entry.state == core::OutboxState::Cancelled)
                log_warning("dossier_cancelled_by_staff",
                            entry.provisional_code + ": " + cancel->reason);
        }
    } else if (std::holds_alternative<core::effect::RefreshCatalog>(effect)) {
        if (m_parts.references) m_parts.references->refresh_now();
    } else if (const auto* filing = std::get_if<core::effect::CountFiling>(&effect)) {
        if (m_parts.staff)
            m_parts.staff->count_filing(filing->procedure_code, filing->assisted, wall);
    } else if (const auto* visit = std::get_if<core::effect::CountVisit>(&effect)) {
        // One record of the visit for both: today's counts and the ops metrics (docs/events.md).
        if (m_parts.staff) m_parts.staff->count_visit(visit->visit, wall);
        const core::VisitMetric metric = core::visit_metric(visit->visit);
        if (metric.step.empty())
            metrics::count(metric.family);
        else
            metrics::count(metric.family, {{"step", metric.step}});
    } else if (std::holds_alternative<core::effect::CountVisitStarted>(effect)) {
        metrics::count("motcua_visits_started_total");
    } else {
        return false;
    }
    return true;
}

void App::take_pin_results(std::vector<core::Intent>& intents) {
    if (!m_pin_checker) return;
    for (auto& result : m_pin_checker->take_results()) {
        --m_pin_outstanding;
        if (m_pin_stale > 0) {
            --m_pin_stale;  // its PIN pad was left meanwhile (the lockout counted it anyway)
            continue;
        }
        log_info("staff_pin_checked",
                 std::to_string(m_display->frames_presented() - m_pin_frames_at) +
                     " frames drawn while it ran");
        intents.push_back(result);
    }
}

core::StaffView App::staff_view(const WorkerStatus& status) {
    core::StaffView view;
    view.portal_configured = m_parts.worker != nullptr;
    view.portal_reachable = m_parts.worker && status.portal_reachable;
    if (status.problem != core::HoldKind::None)
        view.problem_key = "staff.problem." + std::string(core::to_string(status.problem));
    view.clock_implausible = status.clock_implausible;
    view.catalog_origin = m_parts.session.offer().origin;
    if (m_parts.staff) view.counts = m_parts.staff->counts(m_clock.wall_unix_ms());
    view.events = recent_events(30);
    if (m_parts.paper) {  // [paper] what the printer said last
        const std::string problem = m_parts.paper->problem();
        view.printer_key = !problem.empty()                        ? "error." + problem
                           : m_parts.paper->status() == "near_end" ? "staff.printer_near_end"
                                                                   : "staff.device.ok";
    }
    view.last_scan = m_last_scan;  // [staff] the scanner is known by its last scan
    if (m_parts.session.state().staff.page != core::StaffPage::Outbox) return view;
    auto entries = m_parts.store.all();
    if (!entries) {
        log_error("outbox_read_failed", entries.error().detail);
        return view;
    }
    const std::int64_t now = system_wall_ms();  // entries are stamped with the real clock
    for (auto it = entries->rbegin(); it != entries->rend() && view.outbox.size() < 50; ++it) {
        const core::Procedure* procedure = m_parts.session.catalog().find(it->procedure_code);
        view.outbox.push_back(core::StaffOutboxRow{
            it->id, it->ma_ho_so.empty() ? it->provisional_code : it->ma_ho_so,
            procedure ? procedure->name.vi : it->procedure_code, it->state, it->last_error_code,
            it->last_error_detail, now - it->created_unix_ms});
    }
    return view;
}
// [/staff] --------------------------------------------------------------------------------------

void App::feed(const SDL_Event& event) {
    if (event.type == SDL_QUIT) {
        m_quit = true;
        return;
    }
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_EXPOSED)
        m_display->expose();
    std::vector<core::Intent> intents;
    const bool needs_frame = m_input.handle(event, m_clock.monotonic_ms(), intents);
    for (auto& intent : intents) m_pending.push_back(std::move(intent));
    if (needs_frame) frame();
}

bool App::frame() {
    const std::int64_t now = m_clock.monotonic_ms();
    std::vector<core::Intent> intents;
    m_input.before_frame(now, intents);
    for (auto& intent : m_pending) intents.push_back(std::move(intent));
    m_pending.clear();
    if (m_parts.speaker && !intents.empty()) m_parts.speaker->heard_input();  // [speech]
    if (m_parts.references) {
        // Taken by the session between visits only.
        ReferenceUpdate update = m_parts.references->take_update();
        if (update.catalog) m_parts.session.offer_catalog(std::move(update.catalog));
        if (update.units) m_parts.session.offer_admin_units(std::move(update.units));
    }
    if (m_parts.worker)
        for (auto& result : m_parts.worker->take_results()) {
            // A provisional code looked up through its MaHoSo answers under the code asked for.
            if (auto* lookup = std::get_if<core::intent::LookupResult>(&result);
                lookup && lookup->code == m_lookup_alias.first)
                lookup->code = m_lookup_alias.second;
            intents.push_back(std::move(result));
        }
    if (m_parts.paper)  // [paper] print results
        for (auto& result : m_parts.paper->take_results()) intents.push_back(std::move(result));
    take_pin_results(intents);          // [staff]
    for (const auto& intent : intents)  // [staff] what staff mode can know of the scanner
        if (const auto* scan = std::get_if<core::intent::Scan>(&intent))
            m_last_scan = core::scan_seen(scan->payload, m_clock.wall_unix_ms());
    for (const auto& intent : intents) apply(intent);
    apply(core::intent::Tick{});

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize =
        ImVec2(static_cast<float>(m_display->width()), static_cast<float>(m_display->height()));
    io.DeltaTime = m_last_frame_ms < 0
                       ? 1.0f / 60.0f
                       : std::max(0.001f, static_cast<float>(now - m_last_frame_ms) / 1000.0f);
    m_last_frame_ms = now;
    m_display->new_frame();
    ImGui::NewFrame();
    m_registry.begin_frame();
    // The screen model: everything this frame shows, computed by core from the session.
    core::ScreenInputs inputs = screen_inputs(now);
    // [staff] The staff pages read the outbox only while they are shown.
    core::StaffView staff;
    if (m_parts.session.state().staff.unlocked) {
        staff = staff_view(m_parts.worker ? m_parts.worker->status() : WorkerStatus{});
        inputs.staff_view = &staff;
    }
    // [/staff]
    core::ScreenModel model = core::build_screen(m_parts.session, inputs);
    if (m_model_hook) m_model_hook(model);              // [layout] test-only
    if (m_parts.speaker) m_parts.speaker->show(model);  // [speech] a new page is read at once
    ui::ViewContext context{model, m_fonts, m_registry, m_parts.make_qr};
    std::vector<core::Intent> produced;
    ui::draw(context, produced);
    ImGui::Render();
    if (m_rasterise)  // [layout] the audit matrix lays frames out without drawing them
        m_display->present(ImGui::GetDrawData(), ui::palette(model.contrast).background);
    metrics::frame_rendered(m_clock.wall_unix_ms());  // [ops] a frozen screen shows here
    // [worker] The first heartbeat waits for a drawn frame (KhungHinhCuoi): tell the worker now.
    if (!m_first_frame_told && m_parts.worker) m_parts.worker->wake();
    m_first_frame_told = true;
    // [/worker]
    if (m_parts.speaker && !produced.empty()) m_parts.speaker->heard_input();  // [speech]
    for (const auto& intent : produced) apply(intent);
    return !produced.empty() || !intents.empty();
}

core::ScreenInputs App::screen_inputs(std::int64_t now) {
    const WorkerStatus status = m_parts.worker ? m_parts.worker->status() : WorkerStatus{};
    const core::LocalDateTime local = core::vietnam_time_from_unix_ms(m_clock.wall_unix_ms());
    core::ScreenInputs inputs{m_parts.strings,
                              m_parts.fees,
                              {local.year, local.month, local.day},
                              now,
                              status.stale + status.held > 0,
                              {}};
    if (inputs.staff_notice && status.problem != core::HoldKind::None)
        inputs.staff_problems.push_back("staff.problem." +
                                        std::string(core::to_string(status.problem)));
    if (status.clock_implausible) inputs.staff_problems.push_back("staff.problem.clock");
    if (m_parts.outbox_set_aside) inputs.staff_problems.push_back("staff.problem.outbox_set_aside");
    // [help] No portal configured, or the last attempt reached nothing: no network, not a slow one.
    inputs.portal_unreachable = !m_parts.worker || !status.portal_reachable;
    // [paper] The printer keeps failing: staff are told why ("Máy in ...: máy in hết giấy").
    inputs.paper = m_parts.paper_config;
    if (m_parts.paper) {
        if (const std::string problem = m_parts.paper->problem(); !problem.empty()) {
            inputs.staff_problems.push_back("staff.problem.printer");
            inputs.staff_problems.push_back("error." + problem);
        } else if (m_parts.paper->status() == "near_end") {  // [staff] it prints, not for long
            inputs.staff_problems.push_back("staff.problem.printer_near_end");
        }
    }
    // [/paper]
    return inputs;
}

// [paper] The receipt and the ticket are printed from the screen model the resident sees.
void App::carry_out_paper(const core::Effect& effect) {
    const std::int64_t real_now = system_wall_ms();
    if (std::holds_alternative<core::effect::PrintReceipt>(effect)) {
        const core::ScreenModel model =
            core::build_screen(m_parts.session, screen_inputs(m_clock.monotonic_ms()));
        const auto* receipt = std::get_if<core::ReceiptScreen>(&model.body);
        if (!receipt) return;
        // No printer configured: said at once, not by the paper thread a frame or more later
        // (the receipt showed "printing…" for as long as that took).
        if (!m_parts.paper || !m_parts.paper->has_printer()) {
            apply(core::intent::PrintResult{
                core::PrintJobKind::Receipt, core::PrintState::NoPrinter, {}});
            return;
        }
        m_parts.paper->print(core::PrintJobKind::Receipt, core::receipt_paper(*receipt), real_now);
    } else if (const auto* issue = std::get_if<core::effect::IssueTicket>(&effect)) {
        if (!m_parts.paper) {
            apply(core::intent::TicketIssued{{}, "ticket_failed"});
            return;
        }
        apply(m_parts.paper->issue_ticket(issue->group_id, issue->dossier_code,
                                          m_clock.wall_unix_ms()));
    } else if (const auto* reprint = std::get_if<core::effect::Reprint>(&effect)) {
        core::Status queued =
            m_parts.paper ? m_parts.paper->reprint(reprint->code, real_now)
                          : core::Status(core::make_error("printer_unreachable", "no paper desk"));
        if (!queued)  // nothing kept under the code, or no store: say so at once
            apply(core::intent::PrintResult{core::PrintJobKind::Reprint, core::PrintState::Failed,
                                            queued.error().code});
    } else if (std::holds_alternative<core::effect::PrintTicket>(effect)) {
        const core::SessionState& state = m_parts.session.state();
        if (!state.paper.ticket_issued) return;
        const core::ScreenInputs inputs = screen_inputs(m_clock.monotonic_ms());
        const core::Words w{inputs.strings.in(state.settings.language), state.settings.language};
        if (!m_parts.paper->has_printer()) {
            apply(core::intent::PrintResult{
                core::PrintJobKind::Ticket, core::PrintState::NoPrinter, {}});
            return;
        }
        const core::TicketView view =
            core::make_ticket_view(w, *state.paper.ticket_issued, state.paper.ticket, inputs);
        m_parts.paper->print(core::PrintJobKind::Ticket, core::ticket_paper(view), real_now);
    }
}

void App::settle() {
    while (true) {
        // ImGui needs a frame or two after a change (hover, popups, layout); stop once quiet.
        for (int quiet = 0, i = 0; quiet < 3 && i < 30; ++i)
            quiet = (frame() || m_input.settling()) ? 0 : quiet + 1;
        // [staff] A PIN being checked is a change still to come: frames go on being drawn (the
        // pad says "checking") until its answer is on screen. Bounded: a check never hangs.
        if (!m_pin_checker || !m_pin_checker->busy()) return;
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (m_pin_checker->busy() && std::chrono::steady_clock::now() < end) {
            m_pin_checker->wait_answered(16);
            frame();
        }
        if (m_pin_checker->busy()) return;
        // [/staff]
    }
}

std::int64_t App::next_deadline_ms() {
    const std::int64_t now = m_clock.monotonic_ms();
    std::int64_t deadline = m_parts.session.next_deadline_ms(now);
    std::int64_t input = m_input.next_deadline_ms();
    if (input >= 0 && (deadline < 0 || input < deadline)) deadline = input;
    return deadline;
}

int App::run() {
    int frames_to_draw = 3;
    const std::int64_t started_ms = static_cast<std::int64_t>(SDL_GetTicks64());
    std::int64_t last_frame_ms = started_ms;
    while (!m_quit) {
        int timeout = -1;  // nothing due: sleep until input or a worker result
        if (frames_to_draw > 0) {
            timeout = 0;
        } else if (std::int64_t deadline = next_deadline_ms(); deadline >= 0) {
            timeout = static_cast<int>(
                std::clamp<std::int64_t>(deadline - m_clock.monotonic_ms(), 0, 60'000));
        }
        SDL_Event event;
        bool woke = timeout == 0 ? SDL_PollEvent(&event) : SDL_WaitEventTimeout(&event, timeout);
        if (woke) {
            do {
                feed(event);
            } while (!m_quit && SDL_PollEvent(&event));
            if (m_quit) break;  // no frame for a window that is closing
            frames_to_draw = 3;
        } else if (timeout > 0 || timeout == -1) {
            frames_to_draw = std::max(frames_to_draw, 1);  // a timer came due
        }
        if (frames_to_draw > 0) {
            bool changed = frame() || m_input.settling();
            frames_to_draw = changed ? 3 : frames_to_draw - 1;
            last_frame_ms = static_cast<std::int64_t>(SDL_GetTicks64());
        }
    }
    // An idle screen must cost nothing: how many frames, and when the last one was drawn.
    log_info("frames",
             std::to_string(m_display->frames_presented()) + " frames presented; the last " +
                 std::to_string(last_frame_ms - started_ms) +
                 " ms after the loop started, which ran " +
                 std::to_string(static_cast<std::int64_t>(SDL_GetTicks64()) - started_ms) + " ms");
    return 0;
}

// [layout]
void App::set_rasterise(bool on) {
    if (on && !m_rasterise) m_display->invalidate();  // everything is drawn again
    m_rasterise = on;
}
// [/layout]

std::vector<std::string> App::missing_glyphs() const {
    std::vector<std::string> missing;
    const ImFont* font = m_fonts.body[0];
    auto check = [&](const std::string& text) {
        for (char32_t c : core::decode_utf8(text)) {
            if (c < 0x20 || font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr) continue;
            char code[16];
            std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
            missing.push_back(std::string(code) + " in \"" + text + "\"");
        }
    };
    for (const auto& text : m_registry.texts()) check(text.text);
    for (const auto& widget : m_registry.widgets()) check(widget.label);
    return missing;
}

}  // namespace motcua::platform
