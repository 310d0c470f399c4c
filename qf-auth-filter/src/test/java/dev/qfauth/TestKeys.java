package dev.qfauth;

import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;

/**
 * Fixed RSA-2048 test keys (made once with nimbus {@code RSAKeyGenerator}; test use only).
 * Generating RSA keys costs up to two seconds each on a small CI machine, which the unit suite
 * cannot afford.
 */
final class TestKeys {
  /** kid public:hydra.openid.id-token */
  static final RSAKey ID_TOKEN =
      parse(
          "{\"p\":\"4nUbTqELaKg913E2Gr0Z60sYOgxTyZp92HAd02yZXFlhLr9DnGIYTi0XNL-fjOWUzi-IIS6Dz_QVa5Q-Cc"
              + "7uonhOqmJCpRVK3clovQlFYCfSL3RKtUNUpn2rfkcDAOaQM5bXXuV9p7DtrRs1y9bwKLd8Ew6_PohcAPMrPWMVlU"
              + "M\",\"kty\":\"RSA\",\"q\":\"yRjYtbPkzAbN0kF5fSrMT3uUcPc_FFw9IiDrZJ9XvNayXaJI2DijLYZty4IlHXGTE5Vw"
              + "Bfyw3_gxVG0RaFKroGOtjUpoKtlpw6ZLJ1Oqp_nAg32E9Qw2c7ZUJTQj5oN3EwTawxiDoea3CzLRHRGNweN2YP_z"
              + "RZ9f3lacqwrbZhU\",\"d\":\"BM2UJeyDuJzL20ZcTrXPXbgFF-_88KgxeLd3FiS8pkt2EXMan-iHWyO7RuqJQyIsaO"
              + "jQhVeAA05C6aj7opEXVCpnzHToyWW3Sxm2SVbiAp817BDj8QwiTbhLHKlb-j8CtZje7WO_qu-Zlb4VuuouRbgkiR"
              + "zqOZa4n_KEAHzPSrJCwfIL4rb_6QcCnO7pBMygZLsbOZbtcWpRF8QG38AuEkCT5ZgL7S8OhNCkta9aqoM6iezddA"
              + "vL_8i1APdFPDy2YxD_-W2-dQ383DUJOumqGxinr65H7lF6KjgiX2NYEtwP8q9g6JphE6gll_elOqF3IOyt70XAUK"
              + "FmaMGqLtUL_Q\",\"e\":\"AQAB\",\"kid\":\"public:hydra.openid.id-token\",\"qi\":\"GaC-djkDTapeLXbgoXOv"
              + "d8nkZWwEovR1RgBpOljKfmKw7U7V464qgkdgKk5uXJ7aByT-A-ECV4Sm2sXxohzGmJyflw7nwyMYU5wt7IrId_PF"
              + "0iV8BPQybhHrjqd7YcPHzgpLSDjFT1TUAdQgIkbLUn5SoRw4aVZoeJm3htHSVOM\",\"dp\":\"CeV0PAttpDU1_qRD6"
              + "Qc6ir3NYTwIrVbDCSJdK1Ajo5WEWbaiDcN7rG7sBLIbFt0xk5EgMdMGj5_rD7h6vZL9erwnM-r3Xp9_lhGnMhuln"
              + "H4hAVHjsegvWtdDF1GjH_bzdk2xO8RrqVhiCp6Vy0KpXB4oneyXDvSGkMQPr68U0mE\",\"dq\":\"wwWCnOyiNa9fic"
              + "mPjXClBWwesFNHbHJrox5zynixeORpxF6u8Go07eCRuCw13FEZxoNFSbkeu4YSKQNBP3_1C62_UOfZD70bUe-CsN"
              + "f2B8MxDRP8jj1SzXMENbRUIKhcISizE0NB3RBHcefNXrh4VpFGa5mtDlcafSBX_ZSg42U\",\"n\":\"sePtHtbJ-5cI"
              + "6GCU4SERp4P8z55T2_7ceDbyj6Kn03TgYDudxLS8USyxLJrTnBfzItOTOmD7jzG6HHxRPc7wxioYSQSXqY7SCiDA"
              + "kWvnn4jeHTJre8d7v0XH3DBp2BF_wy0kR0b4gPFkF2OtGhnHawvT6Vn2q0kp1caOpg7elM-bPHk8pctVBbGNMGkh"
              + "YEnwCBEjMZoa_kp_BvZb90LitVejjbz_FyY1lpu35S-zzBv0Kkyf9Vnf91-s7ud0X_MJUc43l4EOsREQkupsyGo2"
              + "Gk4FGG8vIq5meXw3RLa0OqrftWwyVnE38ofkzvc9uhRqHn__Am1Nc5LvcSSQCI7wfw\"}");

  /** kid public:hydra.openid.id-token-2 */
  static final RSAKey ID_TOKEN_2 =
      parse(
          "{\"p\":\"2JNTeriAGI1d4e-4_SC5acB2_qZ1RKbtK1eZI9REtLGC2tul8sloDtc-QSohcdTn4b518mo7YDkvxNrKzE"
              + "SR3jPe-guDLldkeYgoRkX-0UQ1ck-J4FdG_yLUwb39ZRX4TA5uVXI5EZaPbnrNhJ9-Vl-YmwyEKeqdiRk89rpiZ4"
              + "8\",\"kty\":\"RSA\",\"q\":\"5TEL0jDyJ-wJDSJslt4B7yJOMM80nQEX51hm-W1lPfUzOVCtLmFcw9dVpC28PX-X4CoF"
              + "Duz35hBfAyyZqvcV6DPToaX3FzAvlNs3waiJ7s-lyjT1lSw4CHRg4OJNREMNeB7HhH3a--DxGHpvsfoef5FSJOIY"
              + "CAGKW7w16K2xmLc\",\"d\":\"SVIZFFgtB5iZqCdtv1NlNWgfZoW1FIYHw_Ep0dAfLjgb1WwTHk7qgL2L6ehi02Mhwo"
              + "JZZ7D8BEYM3wfUFlHG4Zs054BeF2OYAy0ZnU0WDNWPeFgctq1Pd_39cJZI6nbdp6MDp2icir0clEqWNXE5qNRlQg"
              + "DosIknVMn_PYlnXv4qYhY0I4ya9QyFaPaLqqgW-fEYKtYOItJ9fPfsCnBK8m5U2TZWGFnD1bg3HAtQ6PKkzEYcHF"
              + "eeh2L6TCUSACycS0ulXJKeQkNtrRSXboZQt76N5CmiwNky40JVWot1JkH4Eo182T8yQKepj-Wbs5atWqEF-jDZ_u"
              + "LUewec3cq_0w\",\"e\":\"AQAB\",\"kid\":\"public:hydra.openid.id-token-2\",\"qi\":\"K3g102ZJ-usBNoRL7_"
              + "y-uDU9rG5-GnRPG9ecg3UDpgpK-5bmn-VAQr-Gbu04BzjJ9y7BEd0PapcgZLNvm094LXb1Sj7qWZBtXGo8Ux1JgW"
              + "Jf0NPrYwh6VI7a7u050oP0V-t_-sp9pcd-sib0LHk2cCWAnNy4GZDcU3ePvfCAuTQ\",\"dp\":\"Fk5mRLeICf9VchX"
              + "cucWLE0dNekDuxxliSBqHnVcZlHrL_XquBumTnCOzN8b9FtpU371cLJGgd_Kr5tyaEpvlYjt5dcuFwVoi8RmC_Gn"
              + "tKuSZlKJ4kvCqUVDnFOVamfS_VCYQWyCenB8jur9PN5-txXunHiEV47NUcnB1BPyBciU\",\"dq\":\"DKKYkTzrjLHh"
              + "idzU-bhBiQpuHxi9QM6Xn8Rq4ONcCn9jFIzTD1SExbMwYH24-_b1y4DliH4d6IwMgONLkXZPud5pk2bP6XJZnS48"
              + "s6tz9ztxW2VyCIhIiobH9H3lXpcHvhCMVUyO7wXmpL_TOo-ccNH1Il1oj8Bt_UKyAiLZQJ8\",\"n\":\"weVH3-hhI8"
              + "YP96ooYyMh2qaOjGzktKkFM2fmiWBXajWkwFyk083TbE3U_bmxMOqqSMEgWTEuwsU4KL-MSUyiW8gkLrmNHnb2gn"
              + "eot3yDxFnvW4tN1quh3fUd5TuCqkPWZX91RjMKFJV3Vwk5fb6syc4OVOcl-Nb732RZjh6tw0saTKuujBpa5Pt3dg"
              + "6Mi0xVXmtmN7EcsgfgJ0IDh00LhHxw5lDhfZJWcHRTdlqSkbwt7T3Z6Th1dXBohSmToJBYt2RbGlSsntfYaNemqB"
              + "ZG9eBy_-IfuVMdWaAHZzD7xE9Nix6s3FVPwdhijQshQrTI8F5FD3uxqgMKauWm5rPvOQ\"}");

  /** kid public:hydra.openid.id-token-3 */
  static final RSAKey ID_TOKEN_3 =
      parse(
          "{\"p\":\"zi_mdHjthxbN2lkldntIsVWAQ0EkaitGPoxNpmCQY2KKq4tfj1G05XYqKVEdMbJ1XpvVw3NuMjObiLuPYE"
              + "QM7uJV7vjuUViNYE_ySgSJ-6teUuLdlDSLOKHulTsJCSbmURHxrM5zEnqAHGj_bng838WjwYZzfMlUMAIaJa_EOd"
              + "0\",\"kty\":\"RSA\",\"q\":\"-NdSvvqUnecYfcrOl-JmQzU4fosaTE81BMdHSisZA7qqPkY8J9agOavTiKq41LqekfR9"
              + "dPwr5AgyT1LRT9CXvUbb9w_bxbDWCGQxj9anKa-nVWruWcxgRv3q0TsUByVZxtKKDqdZVBKONRuQNpN_nbhuCy-L"
              + "_qDfX1ZHkod7MnE\",\"d\":\"JgQ4GFUEkamLMvsFDw8-z5y0X1yNTitkSutQYbvP21OKjM_E-YOlzV3Bl4J4mqhhgu"
              + "nfrqkMPkfQ6ZmHuU41Gy26ZHQ1lyHRPKZyO0og3F6iulT0v56C8bitsGnVjuNzhlS5gdpbSFIU_uNWeQkNV3bGP4"
              + "d-GTEPb1Gil4XtuuTTAT1308P7-ERjaFzrAeIZUuXaD8t1irNzYu_EELGakb_pIrok0s0EdT3dZUxSI3gHv57vk8"
              + "uHFJDcbRsRSQQBX0jJCGuh8mCnDMKHW3T3294HDtoFA445hfCZwJcn4iSuwWBVvEMS5Yy5xW6d6cRLFu0V0r2D_D"
              + "U5S1tvgx_t0Q\",\"e\":\"AQAB\",\"kid\":\"public:hydra.openid.id-token-3\",\"qi\":\"qXT_hqBtHqY_CA_qJu"
              + "oNUGjdNp7aMUS5xL9ll49l7X8Ri474d659YsUV7kIBIgG6oKOVzwVFcCD9fJSwxIFJWHantZ4TkBJtifp4GSvheZ"
              + "_k24aj3HET1SH7Mw-2jBbun50k2aDK_f-N01vn8QnPt6JOGtc4C4BZMPjPd7z8G0I\",\"dp\":\"cwdCGGSGj0DnoxL"
              + "s1Ya97UD4B41GFX0C-U4o29MvemK1XjKpIznAI-uiZd583Qbkd92Uii_RoGwuL0AEIv6UAImAy4tQ2Uz_wmWXlDe"
              + "oCyF1w-QRHeeabAPbKKIAznxHLZ9HJtMeW4bABhmFt0mZHHYUf5jUwR9IumfR0oiWfnk\",\"dq\":\"8scBkBpiTPxe"
              + "xLvNfBoCs6eFCtEkQzcz_wl94DrUGPNRjZhwsF2RzTJ7G2eVFNdORhBHJo-xMrVcgE_IrxpQMPalPRJX1TSGXYGD"
              + "aVZ_mQgrNgcxrKLde-XX53LAQ4iJYpWe5FUZrhC8dcwCk3yskXCSzI8DAtZpmFZRVgCgjcE\",\"n\":\"yGvUIIoofX"
              + "Tb2AhxrSt8Mz8kzoH3r1R3twzxpG-grTfXWy2YH4VABQQCegbUOf2FoW7xal_EWRu3pNJ4RYV9JedUqvUCXr9pY_"
              + "f3WGtgWca4ywB6_qwETwy9gEfzyFDmGsljc5zoczoQZuQMA3hxO3293vkuXUfLvfq8kMLBdbQmKP2dood6VI73LV"
              + "XLUguWh0akzjea0eEP_DPbnefbdoeRNCMojE3rV0W9C7ExV-Adt7VWAztlfm1emK6RvPkx-14rmkTOwno64HARry"
              + "uXnSevryCKHMRU7s0a2Mtn2zR7Vq4TJfRVjcYpPZrO54b8ZyhxIl3gPnsnCB_MQRm0jQ\"}");

  /** kid attacker */
  static final RSAKey ATTACKER =
      parse(
          "{\"p\":\"5BQdyiXQMEx2kTtBXd5kCfcbhWgBZI3WX8NJ5Pz7B2g6annnYuYkrBoB4c8-BXnmrb-Cf47CLD7JcEz_JG"
              + "e1N4fS2apZ-1Y2N1zs4pPnnzQttHRPjIkCIpbfOu8idFqsLAoExyIgghtJgGUwhEAqyGviFHXJo0BmN_3ZqXqCt5"
              + "M\",\"kty\":\"RSA\",\"q\":\"45CsuBvt0X_i5JLmTD_ZQCG2OWtbzfDqnHo2nSkP8uMAwGTKRnXwOVdSvEMan1okjqH8"
              + "i4KrBzGYVLkuBhtokPH8e4ztrkd_xhhm302An7JUzjb4I8WR_rG_z-NW_bnOw2O2ieJpxemT4xRQRNRyzEvKWvrV"
              + "mS27OuFJ13In83U\",\"d\":\"BbUq6PRYT-KfpiGNu6Is18LAYPt_rxVZYl6VJEG4W7fl1ijxAWLyZyENpseg2MTreS"
              + "BPXPe_L99ZMrPf6lPnuLLuU7zv6Qlh519actPK2fDQzQ0heakpLELEJDbTT2vUKAzXgrnYuWOIcOu2S899FX51cz"
              + "pOJZgi_urQ3MfjG_tIS03GLnRoxHP9_6nxv5X5akxC6GEZsEktXWrPAoKZx8y5oPaOfK1jYNcqFu9fyAJwtEIkhD"
              + "8iL3YeSNiJJDMz19R4hbHQsHxjqiaGPpecXqGC8fJw0yvBzt3npoMusZYjRifI1CL29O5iaeNqGIamf3nHAal4Lr"
              + "PgpzLYuVS0SQ\",\"e\":\"AQAB\",\"kid\":\"attacker\",\"qi\":\"mCmM89QjSVqjJPdQhf-1uLwz2QWFuuLC7OZE50_N"
              + "D8TGMag7fPaN1Of084Mh20TAyacSjwXU8DEnPJMMcU8Tzp2vHPMRiae0QctkLCcndRaDcUDLW_FLS0L6gm2y98kH"
              + "N3c0yb93UtnoO3cKI_LOiIGUo6z9i0A_bnek01XZDZo\",\"dp\":\"CrVbFLOjy7C7XGRA1Gxtm_4rH59beWIjb4mWv"
              + "ZaXHqjpHTiuAXm2vRHXhseZLN6lUwEL2ntUaIlmIcyrqgTogDvzTV7vLJrGnuDRCm5RUKs9fhx746hHHmKhBn5Vy"
              + "sq7DLJHuSXECvfHAq09kugEWjaefcFt_yk142kawBdNbds\",\"dq\":\"ZsxDCcQsEThpIYIuoIEzPaI89AFIbmaHRP"
              + "p8U1BqUPk0rLSbH2tFglGtITha_WM2ImyQbeEwK0a_Hn6siLu258s4mANYlyLbWHxLdFJJaVqgrqrsOxST1-8py9"
              + "pRwLo_6cnQescZqvrSAIF7pSwnU5xlI-YtuU2MR5PfzIBYBcU\",\"n\":\"yr67nIyYGwxIz73vPJ9a3-REyOXeOZZV"
              + "teat1fBEd10KsShC7LTnuow_zavdFtymybejfXLFQSZOQ5U-4iSjQf-WXNzYuqn28nAWgMvsQo4vtnOEEHYOWaBQ"
              + "4_eb2rHSv-VMZKVRV5bNI_VYmOBZfldEo7HvDuLODmd6vaQhSFoQtZb1uzu_mAGNn4ahCLG0JG4CoE3OF10sVNYt"
              + "sSiSj9hvO2gvSgbASdxyhFO_ha3QqpkY_1cPchbOu10Iwih5HQcFmC02xSC2WkvnOKm7ZVBck1RImrI8kN831g8M"
              + "5Y7leqTWEj-BllNgdbudXW0FQ5M_xQzUY5f-VFDdf2NvLw\"}");

  private TestKeys() {}

  /** The same key material under another kid (an attacker reusing a published kid). */
  static RSAKey withKid(RSAKey key, String kid) {
    return new RSAKey.Builder(key).keyID(kid).build();
  }

  private static RSAKey parse(String json) {
    try {
      return RSAKey.parse(json);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }
}
