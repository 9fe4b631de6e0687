package io.openwaba.templates;

import io.openwaba.shared.MetaError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a WABA's template library really lives when it is not here: Meta's Cloud API in cloud
 * mode. The network implements it; with an implementation, templates checked here are created,
 * edited and deleted at Meta, Meta reviews and scores them, and the local review and quality
 * simulation do not run. Without one (sandbox mode) the library is this module's alone.
 */
public interface TemplateRelay {

    /** The client's create body, sent to Meta as it came; Meta answers {@code id}, {@code status}, {@code category}. */
    Answer create(String wabaId, ObjectNode body);

    Answer edit(String wabaId, String metaTemplateId, ObjectNode body);

    /** Every language of {@code name}, or only the one with {@code metaTemplateId} when it is not null. */
    Answer delete(String wabaId, String name, String metaTemplateId);

    /** Meta's body when it accepted, or its error when it refused (or could not be asked). */
    sealed interface Answer {
        record Accepted(JsonNode body) implements Answer {
        }

        record Refused(MetaError error) implements Answer {
        }
    }
}
