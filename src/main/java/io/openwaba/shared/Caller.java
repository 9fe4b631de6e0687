package io.openwaba.shared;

/**
 * The authenticated party behind a request: the BSP admin, or one business through one of
 * its access tokens. A business sees only what it owns; anything else must look absent.
 */
public record Caller(Role role, String businessId, String tokenId) {

    public enum Role { ADMIN, BUSINESS }

    public static Caller admin(String tokenId) {
        return new Caller(Role.ADMIN, null, tokenId);
    }

    public static Caller business(String businessId, String tokenId) {
        return new Caller(Role.BUSINESS, businessId, tokenId);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean owns(String ownerBusinessId) {
        return isAdmin() || (businessId != null && businessId.equals(ownerBusinessId));
    }
}
