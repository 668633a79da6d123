package dev.bastion.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class MetadataDocumentsTest {

    private static final String URL = "https://client.example/oauth/metadata.json";

    @Test
    void privateLoopbackAndLinkLocalAddressesAreNotPublic() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1"}) {
            assertTrue(MetadataDocuments.isPrivate(InetAddress.getByName(address)), address);
        }
        assertFalse(MetadataDocuments.isPrivate(InetAddress.getByName("93.184.216.34")));
        assertFalse(MetadataDocuments.isPrivate(InetAddress.getByName("2606:4700::1111")));
    }

    @Test
    void aDocumentNamesItselfTheClientAndItsRedirects() {
        RegisteredClient client = MetadataDocuments.parse(URL, "{\"client_id\":\"" + URL + "\",\"client_name\":\"Tool\","
                + "\"redirect_uris\":[\"https://client.example/cb\",\"http://127.0.0.1:3000/cb\"]}");
        assertEquals("Tool", client.name());
        assertEquals(2, client.redirectUris().size());
        assertEquals("metadata", client.source());
    }

    @Test
    void documentsThatDoNotNameThemselvesOrLackRedirectsAreRefused() {
        String[] bad = {"[]", "not json", "{\"client_id\":\"https://other.example/x\",\"client_name\":\"T\",\"redirect_uris\":[\"https://a/cb\"]}",
                "{\"client_id\":\"" + URL + "\",\"redirect_uris\":[\"https://a/cb\"]}",
                "{\"client_id\":\"" + URL + "\",\"client_name\":\"T\",\"redirect_uris\":[]}",
                "{\"client_id\":\"" + URL + "\",\"client_name\":\"T\",\"redirect_uris\":[\"javascript:alert(1)\"]}",
                "{\"client_id\":\"" + URL + "\",\"client_name\":\"T\",\"redirect_uris\":[\"https://a/cb\"],"
                        + "\"token_endpoint_auth_method\":\"private_key_jwt\"}"};
        for (String document : bad) {
            OAuthRefusal refusal = assertThrows(OAuthRefusal.class, () -> MetadataDocuments.parse(URL, document), document);
            assertEquals("invalid_client", refusal.error());
        }
    }
}
