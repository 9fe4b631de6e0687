package io.openwaba.tenancy;

/** What a console user may do: the BSP's admin sees every business; the others only their own. */
public enum ConsoleRole {
    BSP_ADMIN, BUSINESS_ADMIN, OPERATOR
}
