// What a storefront does with the generated types: sign a customer in, list the catalogue and
// place an order. It is only type-checked (`npm run check`), never run: when the API document
// changes in a way that breaks this use, the build fails here.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/api";

type Problem = components["schemas"]["Problem"];
type Order = components["schemas"]["OrderResponse"];
type Accepted = components["schemas"]["CommandAccepted"];

export async function buyFirstProduct(
  baseUrl: string,
  email: string,
  password: string,
): Promise<Order | Accepted> {
  const api = createClient<paths>({ baseUrl });

  const login = await api.POST("/api/v1/auth/login", { body: { email, password } });
  if (!login.data) {
    throw new Error(describe(login.error));
  }
  const headers = { Authorization: `Bearer ${login.data.accessToken}` };

  const products = await api.GET("/api/v1/public/products", { params: { query: { limit: 10 } } });
  if (!products.data) {
    throw new Error(describe(products.error));
  }
  const product = products.data.items.find((p) => p.active && p.stock > 0);
  if (!product) {
    throw new Error("nothing in stock");
  }
  const price: number = product.price?.amountMinor ?? 0;
  console.log(`buying ${product.name} for ${price} ${product.price?.currency ?? ""}`);

  const placed = await api.POST("/api/v1/orders", {
    headers: { ...headers, Prefer: "return=representation", "Idempotency-Key": crypto.randomUUID() },
    body: {
      lines: [{ productId: product.id!, quantity: 1 }],
      billing: { name: "Ada Lovelace", line1: "1 Analytical Way", city: "London", postalCode: "N1 9GU", country: "GB" },
    },
  });
  if (!placed.data) {
    throw new Error(describe(placed.error));
  }
  const etag: string | null = placed.response.headers.get("ETag");
  console.log(`order ${placed.data.id} at version ${etag}`);
  return placed.data;
}

function describe(problem: Problem | undefined): string {
  if (!problem) {
    return "no answer";
  }
  const fields = (problem.errors ?? []).map((e) => `${e.field} ${e.message}`).join(", ");
  return `${problem.status} ${problem.code}: ${problem.detail ?? ""} ${fields}`;
}
