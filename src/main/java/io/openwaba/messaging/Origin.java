package io.openwaba.messaging;

/** Where a send comes from: a business's code on the Graph API, or one of the platform's tools. */
public enum Origin { API, INBOX, BOT, BROADCAST, FUNNEL }
