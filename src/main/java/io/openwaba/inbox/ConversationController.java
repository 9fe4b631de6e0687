package io.openwaba.inbox;

import io.openwaba.console.ConsolePrincipal;
import io.openwaba.inbox.ConversationActions.ReplyResult;
import io.openwaba.messaging.CustomerChats;
import io.openwaba.messaging.MessageContent;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.numbers.WaId;
import io.openwaba.templates.TemplateMessages;
import io.openwaba.tenancy.ConsoleUser;
import io.openwaba.media.Media;
import io.openwaba.media.MediaKind;
import io.openwaba.tenancy.ConsoleUsers;
import java.io.IOException;
import java.util.stream.Stream;
import org.springframework.web.multipart.MultipartFile;
import io.openwaba.tenancy.Team;
import io.openwaba.tenancy.Teams;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One conversation in the chat center: its history (paged backwards, refreshed live), who owns
 * it, and the reply box, which offers free text inside the customer service window and only
 * templates outside it. Every request is checked against the caller's business first: another
 * business's conversation is not found.
 */
@Controller
class ConversationController {

    static final int PAGE = 50;
    static final int MAX_REPLY = 4096;
    static final List<String> SNOOZES = List.of("PT1H", "PT4H", "P1D");

    private final Conversations conversations;
    private final ConversationActions actions;
    private final ConversationRows rows;
    private final CustomerChats chats;
    private final ChatLines lines;
    private final PhoneNumbers numbers;
    private final TemplateMessages templates;
    private final ConsoleUsers users;
    private final Clock clock;
    private final Notes notes;
    private final Labels labels;
    private final Teams teams;
    private final CannedResponses canned;
    private final Media media;

    ConversationController(Conversations conversations, ConversationActions actions, ConversationRows rows,
                           CustomerChats chats, ChatLines lines, PhoneNumbers numbers, TemplateMessages templates,
                           ConsoleUsers users, Clock clock, Notes notes, Labels labels, Teams teams,
                           CannedResponses canned, Media media) {
        this.canned = canned;
        this.media = media;
        this.teams = teams;
        this.notes = notes;
        this.labels = labels;
        this.conversations = conversations;
        this.actions = actions;
        this.rows = rows;
        this.chats = chats;
        this.lines = lines;
        this.numbers = numbers;
        this.templates = templates;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/console/conversations/{id}")
    String view(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id, Model model) {
        var conversation = conversation(user, id);
        actions.opened(conversation);
        notes.read(user.id(), conversation.id());
        return page(user, conversation, model, "", null);
    }

    /** A private note, which the customer never sees; an @name in it tells that colleague. */
    @PostMapping("/console/conversations/{id}/note")
    String note(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                @RequestParam(defaultValue = "") String note, Model model, RedirectAttributes redirect,
                HttpServletResponse response) {
        var conversation = conversation(user, id);
        String error = note.isBlank() ? "inbox.error.emptyNote"
                : note.codePointCount(0, note.length()) > Notes.MAX_NOTE ? "inbox.error.noteTooLong" : null;
        if (error != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("noteText", note);
            model.addAttribute("noteError", error);
            return page(user, conversation, model, "", null);
        }
        var mentioned = notes.add(user, conversation, note.strip());
        redirect.addFlashAttribute("notice", mentioned.isEmpty() ? "inbox.notice.noted" : "inbox.notice.notedAndTold");
        redirect.addFlashAttribute("refusalOwner", mentioned.stream().map(ConsoleUser::displayName)
                .collect(Collectors.joining(", ")));
        return "redirect:/console/conversations/" + id;
    }

    /** The messages from {@code from} on (the view's live part), or the page before {@code before}. */
    @GetMapping("/console/conversations/{id}/messages")
    String messages(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String before,
                    Model model) {
        var conversation = conversation(user, id);
        var wabaId = wabaId(conversation);
        if (before != null) {
            var page = chats.before(conversation.phoneNumberId(), conversation.waId(), number(before), PAGE);
            var to = page.isEmpty() ? null : page.get(page.size() - 1).at();
            var since = page.size() < PAGE ? null : page.get(0).at();
            model.addAttribute("lines", lines.of(wabaId, page, timeline(conversation, since, to)));
            model.addAttribute("olderThan", page.size() < PAGE ? null : page.get(0).id());
            model.addAttribute("conversation", conversation);
            model.addAttribute("olderPage", true);
            return "inbox/conversation :: older";
        }
        var fromId = number(from);
        var latest = chats.from(conversation.phoneNumberId(), conversation.waId(), fromId, 10_000);
        model.addAttribute("lines", lines.of(wabaId, latest,
                timeline(conversation, latest.isEmpty() ? null : latest.get(0).at(), null)));
        model.addAttribute("conversation", conversation);
        model.addAttribute("from", fromId);
        actions.opened(conversation);
        return "inbox/conversation :: lines";
    }

    /** The reply box again, only when the window opened or closed since the page showed it (else 204). */
    @GetMapping("/console/conversations/{id}/composer")
    Object composer(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                    @RequestParam(defaultValue = "") String shown, @RequestParam(required = false) String canned,
                    Model model) {
        var conversation = conversation(user, id);
        var closesAt = chats.windowClosesAt(conversation.phoneNumberId(), conversation.waId());
        var text = canned == null ? "" : this.canned.find(conversation.businessId(), canned).map(CannedResponse::text)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (canned == null && shown.equals(closesAt.isPresent() ? "open" : "closed")) {
            return ResponseEntity.noContent().build();
        }
        composerModel(conversation, closesAt, model, text, null);
        return "inbox/conversation :: composer";
    }

    /** The canned responses whose shortcut starts with what the reply box holds, when that is a / and a word. */
    @GetMapping("/console/conversations/{id}/canned")
    String canned(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                  @RequestParam(defaultValue = "") String text, Model model) {
        var conversation = conversation(user, id);
        model.addAttribute("conversation", conversation);
        model.addAttribute("suggested", canned.suggested(conversation.businessId(), text));
        return "inbox/conversation :: canned";
    }

    /** A template's body as the customer would read it with the values typed so far. */
    @GetMapping("/console/conversations/{id}/template-preview")
    String preview(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                   @RequestParam(defaultValue = "") String template,
                   @RequestParam(name = "value", required = false) List<String> values, Model model) {
        var conversation = conversation(user, id);
        model.addAttribute("preview", choice(conversation, template)
                .map(c -> c.filled(values == null ? List.of() : values)).orElse(""));
        return "inbox/conversation :: preview";
    }

    @PostMapping("/console/conversations/{id}/take")
    String take(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id, RedirectAttributes redirect) {
        var conversation = conversation(user, id);
        var taken = actions.take(user, conversation);
        if (taken instanceof TakeResult.OwnedByAnother other) {
            redirect.addFlashAttribute("refusal", "inbox.refused.owned");
            redirect.addFlashAttribute("refusalOwner", name(conversation.businessId(), other.ownerId()));
        } else {
            redirect.addFlashAttribute("notice", taken instanceof TakeResult.Taken
                    ? "inbox.notice.taken" : "inbox.notice.alreadyYours");
        }
        return "redirect:/console/conversations/" + id;
    }

    /** To an operator ({@code operator:ID}) or into a team's queue ({@code team:ID}) of the business. */
    @PostMapping("/console/conversations/{id}/assign")
    String assign(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                  @RequestParam(defaultValue = "") String to, RedirectAttributes redirect) {
        var conversation = conversation(user, id);
        int colon = to.indexOf(':');
        var kind = colon < 0 ? "" : to.substring(0, colon);
        var targetId = to.substring(colon + 1);
        boolean done;
        if (kind.equals("operator")) {
            var operator = users.ofBusiness(conversation.businessId()).stream()
                    .filter(u -> u.id().equals(targetId)).findFirst()
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "not an operator"));
            done = actions.assignToOperator(user, conversation, operator);
        } else if (kind.equals("team")) {
            var team = teams.find(conversation.businessId(), targetId)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a team"));
            done = actions.assignToTeam(user, conversation, team);
        } else {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not an operator or a team");
        }
        if (done) {
            redirect.addFlashAttribute("notice", "inbox.notice.assigned");
        } else {
            redirect.addFlashAttribute("refusal", "inbox.refused.owned");
            redirect.addFlashAttribute("refusalOwner", rows.find(conversation.businessId(), id)
                    .map(now -> name(now.businessId(), now.ownerId())).orElse("?"));
        }
        return "redirect:/console/conversations/" + id;
    }

    @PostMapping("/console/conversations/{id}/hand-back")
    String handBack(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                    RedirectAttributes redirect) {
        var done = actions.handBack(user, conversation(user, id));
        redirect.addFlashAttribute(done ? "notice" : "refusal", done ? "inbox.notice.handedBack" : "inbox.refused.notYours");
        return "redirect:/console/conversations/" + id;
    }

    @PostMapping("/console/conversations/{id}/resolve")
    String resolve(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                   RedirectAttributes redirect) {
        if (actions.resolve(user, conversation(user, id))) {
            redirect.addFlashAttribute("notice", "inbox.notice.resolved");
        }
        return "redirect:/console/conversations/" + id;
    }

    /** Snoozed for an hour, four hours or a day, or until the customer writes ({@code for=customer}). */
    @PostMapping("/console/conversations/{id}/snooze")
    String snooze(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                  @RequestParam(name = "for", defaultValue = "") String period, RedirectAttributes redirect) {
        var conversation = conversation(user, id);
        Instant until;
        if (period.equals("customer")) {
            until = null;
        } else if (SNOOZES.contains(period)) {
            until = clock.instant().plus(Duration.parse(period));
        } else {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "for must be PT1H, PT4H, P1D or customer");
        }
        if (actions.snooze(user, conversation, until)) {
            redirect.addFlashAttribute("notice", "inbox.notice.snoozed");
        }
        return "redirect:/console/conversations/" + id;
    }

    @PostMapping("/console/conversations/{id}/labels")
    String addLabel(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                    @RequestParam(defaultValue = "") String label, Model model, HttpServletResponse response) {
        var conversation = conversation(user, id);
        var normalized = Labels.normalized(label);
        if (normalized.isEmpty() || !labels.add(conversation, normalized.get())) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("labelText", label);
            model.addAttribute("labelError", normalized.isEmpty() ? "inbox.error.label" : "inbox.error.tooManyLabels");
            return page(user, conversation, model, "", null);
        }
        return "redirect:/console/conversations/" + id;
    }

    @PostMapping("/console/conversations/{id}/labels/remove")
    String removeLabel(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                       @RequestParam(defaultValue = "") String label) {
        labels.remove(conversation(user, id), label);
        return "redirect:/console/conversations/" + id;
    }

    @PostMapping("/console/conversations/{id}/reopen")
    String reopen(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                  RedirectAttributes redirect) {
        if (actions.reopen(user, conversation(user, id))) {
            redirect.addFlashAttribute("notice", "inbox.notice.reopened");
        }
        return "redirect:/console/conversations/" + id;
    }

    @PostMapping("/console/conversations/{id}/reply")
    String reply(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                 @RequestParam(defaultValue = "") String text,
                 @RequestParam(name = "quick_replies", defaultValue = "") String quickReplies, Model model,
                 RedirectAttributes redirect, HttpServletResponse response) {
        var conversation = conversation(user, id);
        model.addAttribute("quickReplies", quickReplies);
        if (text.isBlank()) {
            return refused(user, conversation, model, response, text, "inbox.error.empty");
        }
        if (text.codePointCount(0, text.length()) > MAX_REPLY) {
            return refused(user, conversation, model, response, text, "inbox.error.tooLong");
        }
        var buttons = QuickReplies.parse(quickReplies, text);
        if (buttons.problem() != null) {
            model.addAttribute("quickError", buttons.problem());
            return refused(user, conversation, model, response, text, null);
        }
        var content = buttons.replies().message(text).orElseGet(() -> new MessageContent.Text(text));
        return answered(user, conversation, actions.reply(user, conversation, content), model, redirect, response,
                text);
    }

    /**
     * A file from the operator's device: uploaded through the media API for the conversation's
     * number, then sent as the message type its content makes it (image, video, audio, document
     * or sticker), with the caption where WhatsApp takes one.
     */
    @PostMapping("/console/conversations/{id}/attachment")
    String attach(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                  @RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "") String caption,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) throws IOException {
        var conversation = conversation(user, id);
        if (conversation.ownerKind() == OwnerKind.OPERATOR && !conversation.ownedBy(user.id())) {
            model.addAttribute("refusalOwner", name(conversation.businessId(), conversation.ownerId()));
            return refused(user, conversation, model, response, "", "inbox.refused.owned");
        }
        if (file == null || file.isEmpty()) {
            return attachmentRefused(user, conversation, model, response, "inbox.error.attachment.empty", null);
        }
        if (caption.codePointCount(0, caption.length()) > QuickReplies.MAX_BODY) {
            return attachmentRefused(user, conversation, model, response, "inbox.error.attachment.caption", null);
        }
        var number = numbers.find(conversation.phoneNumberId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Media.Uploaded uploaded;
        try (var content = file.getInputStream()) {
            uploaded = media.store(number, file.getOriginalFilename(), file.getContentType(), content);
        }
        if (uploaded instanceof Media.Uploaded.Refused refusal) {
            var error = refusal.error();
            return attachmentRefused(user, conversation, model, response, "inbox.error.attachment.refused",
                    error.details() != null ? error.details() : error.title());
        }
        var stored = ((Media.Uploaded.Stored) uploaded).media();
        var kind = Stream.of(MediaKind.IMAGE, MediaKind.VIDEO, MediaKind.AUDIO, MediaKind.STICKER, MediaKind.DOCUMENT)
                .filter(k -> k.accepts(stored.mimeType())).findFirst().orElse(MediaKind.DOCUMENT);
        var object = new java.util.LinkedHashMap<String, Object>();
        object.put("id", stored.id());
        if (!caption.isBlank() && kind != MediaKind.AUDIO && kind != MediaKind.STICKER) {
            object.put("caption", caption.strip());
        }
        if (kind == MediaKind.DOCUMENT && file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank()) {
            object.put("filename", Conversations.cut(file.getOriginalFilename(), 240));
        }
        return answered(user, conversation, actions.reply(user, conversation,
                new MessageContent.CloudApi(kind.messageType(), object)), model, redirect, response, "");
    }

    private String attachmentRefused(ConsolePrincipal user, Conversation conversation, Model model,
                                     HttpServletResponse response, String error, String reason) {
        model.addAttribute("attachError", error);
        model.addAttribute("attachReason", reason);
        return refused(user, conversation, model, response, "", null);
    }

    @PostMapping("/console/conversations/{id}/template")
    String sendTemplate(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id,
                        @RequestParam(defaultValue = "") String template,
                        @RequestParam(name = "value", required = false) List<String> values, Model model,
                        RedirectAttributes redirect, HttpServletResponse response) {
        var conversation = conversation(user, id);
        var choice = choice(conversation, template);
        if (choice.isEmpty()) {
            return refused(user, conversation, model, response, "", "inbox.error.noTemplate");
        }
        var given = values == null ? List.<String>of() : values;
        if (given.size() != choice.get().variables().size() || given.stream().anyMatch(String::isBlank)) {
            return refused(user, conversation, model, response, "", "inbox.error.templateValues");
        }
        var content = templateMessage(choice.get(), given);
        return answered(user, conversation, actions.reply(user, conversation, content), model, redirect, response, "");
    }

    /** The template with its body's values, by name for a NAMED template, else in order. */
    private static MessageContent templateMessage(TemplateMessages.Choice choice, List<String> values) {
        if (!choice.named()) {
            return MessageContent.Template.withBodyText(choice.name(), choice.language(), values.toArray(String[]::new));
        }
        var parameters = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < values.size(); i++) {
            parameters.add(Map.of("type", "text", "parameter_name", choice.variables().get(i), "text", values.get(i)));
        }
        return new MessageContent.Template(choice.name(), choice.language(),
                List.of(Map.of("type", "body", "parameters", parameters)));
    }

    private String answered(ConsolePrincipal user, Conversation conversation, ReplyResult result, Model model,
                            RedirectAttributes redirect, HttpServletResponse response, String text) {
        if (result instanceof ReplyResult.OwnedByAnother other) {
            model.addAttribute("refusalOwner", name(conversation.businessId(), other.ownerId()));
            return refused(user, conversation, model, response, text, "inbox.refused.owned");
        }
        if (result instanceof ReplyResult.Refused refused) {
            model.addAttribute("sendRefusal", refused.reason());
            return refused(user, conversation, model, response, text, "inbox.error.refused");
        }
        return "redirect:/console/conversations/" + conversation.id();
    }

    private String refused(ConsolePrincipal user, Conversation conversation, Model model, HttpServletResponse response,
                           String text, String error) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        var now = rows.find(conversation.businessId(), conversation.id()).orElse(conversation);
        return page(user, now, model, text, error);
    }

    private String page(ConsolePrincipal user, Conversation conversation, Model model, String text, String error) {
        var latest = chats.before(conversation.phoneNumberId(), conversation.waId(), null, PAGE);
        var since = latest.size() < PAGE ? null : latest.get(0).at();
        model.addAttribute("conversation", conversation);
        model.addAttribute("owner", conversation.ownerKind() == OwnerKind.OPERATOR
                ? name(conversation.businessId(), conversation.ownerId()) : null);
        model.addAttribute("mine", conversation.ownedBy(user.id()));
        model.addAttribute("operators", users.ofBusiness(conversation.businessId()));
        model.addAttribute("teams", teams.ofBusiness(conversation.businessId()));
        model.addAttribute("team", conversation.teamId() == null ? null
                : teams.find(conversation.businessId(), conversation.teamId()).map(Team::name).orElse(null));
        model.addAttribute("labels", labels.of(conversation.id()));
        model.addAttribute("country", WaId.parse(conversation.waId(), null).map(WaId::country)
                .map(code -> new java.util.Locale("", code).getDisplayCountry(LocaleContextHolder.getLocale()))
                .orElse(null));
        model.addAttribute("others", rows.othersOfCustomer(conversation.businessId(), conversation.waId(),
                conversation.id()));
        model.addAttribute("lines", lines.of(wabaId(conversation), latest, timeline(conversation, since, null)));
        model.addAttribute("from", latest.isEmpty() ? 0 : latest.get(0).id());
        model.addAttribute("olderThan", latest.size() < PAGE ? null : latest.get(0).id());
        composerModel(conversation, chats.windowClosesAt(conversation.phoneNumberId(), conversation.waId()), model,
                text, error);
        return "inbox/conversation";
    }

    private void composerModel(Conversation conversation, Optional<Instant> closesAt, Model model, String text,
                               String error) {
        model.addAttribute("conversation", conversation);
        model.addAttribute("windowOpen", closesAt.isPresent());
        closesAt.ifPresent(at -> {
            var left = Duration.between(clock.instant(), at);
            model.addAttribute("windowClosesAt", at);
            model.addAttribute("windowHours", left.toHours());
            model.addAttribute("windowMinutes", left.toMinutesPart());
        });
        model.addAttribute("templates", closesAt.isPresent() ? List.of() : templates.choices(wabaId(conversation)));
        model.addAttribute("text", text);
        model.addAttribute("error", error);
    }

    private List<TimelineEntry> timeline(Conversation conversation, Instant since, Instant to) {
        return rows.timeline(conversation.id(), since, to);
    }

    private Optional<TemplateMessages.Choice> choice(Conversation conversation, String key) {
        return templates.choices(wabaId(conversation)).stream()
                .filter(c -> (c.name() + "|" + c.language()).equals(key)).findFirst();
    }

    private String wabaId(Conversation conversation) {
        return numbers.find(conversation.phoneNumberId()).map(n -> n.wabaId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String name(String businessId, String userId) {
        return Optional.ofNullable(userId).map(users.displayNames(businessId)::get).orElse("?");
    }

    private Conversation conversation(ConsolePrincipal user, String id) {
        if (user.businessId() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return conversations.find(user.businessId(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static long number(String value) {
        try {
            return Long.parseLong(value == null ? "0" : value);
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a message id");
        }
    }
}
