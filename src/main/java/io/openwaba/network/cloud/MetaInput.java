package io.openwaba.network.cloud;

import io.openwaba.shared.ApiProblem;

/** What the management API accepts as Meta's ids and access tokens, checked before Meta is asked. */
final class MetaInput {

    private MetaInput() {
    }

    static String graphId(String field, String value) {
        if (value == null || !value.matches("\\d{1,64}")) {
            throw ApiProblem.badRequest(field + " must be Meta's numeric id (1 to 64 digits)");
        }
        return value;
    }

    static String accessToken(String token) {
        if (token == null || token.isBlank() || token.length() > 1024 || !token.matches("[\\x21-\\x7e]+")) {
            throw ApiProblem.badRequest("access_token must be Meta's access token: 1 to 1024 visible ASCII characters");
        }
        return token;
    }
}
