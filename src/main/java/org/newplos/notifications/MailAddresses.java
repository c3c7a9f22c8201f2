package org.newplos.notifications;

/** The shape of an address, as the database checks it (locations_sender_email_shape): one @, no spaces. */
final class MailAddresses {

    private MailAddresses() {}

    static boolean valid(String address) {
        return address.matches("[^@\\s]+@[^@\\s]+");
    }

    /** The part after the @ (the Message-ID's right side). */
    static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
